package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian data.
 */
public final class SafetensorsFile {

    private static final long MAX_HEADER = 100L << 20;
    private static final Map<String, DataType> DTYPES = Map.of(
            "F32", DataType.FLOAT32, "F16", DataType.FLOAT16, "BF16", DataType.BFLOAT16,
            "F64", DataType.FLOAT64, "I64", DataType.INT64, "I32", DataType.INT32,
            "I8", DataType.INT8, "U8", DataType.UINT8, "BOOL", DataType.BOOLEAN);

    private SafetensorsFile() {}

    /**
     * Reads every tensor and the metadata of a file. The data is memory-mapped.
     *
     * @param file the file
     * @return tensors in header order, and the metadata
     * @throws CheckpointException if the file is truncated or malformed
     */
    public static TensorArchive read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(file, "truncated: " + size + " bytes, a safetensors file has at least 8");
            }
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = all.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new CheckpointException(file, "header length " + headerLength + " goes beyond the file of "
                        + size + " bytes: the file is truncated or not safetensors");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            all.get(8, headerBytes);
            JsonObject header = parseHeader(file, new String(headerBytes, StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
                    continue;
                }
                tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue().getAsJsonObject(), all, dataStart, size));
            }
            return new TensorArchive(file, tensors, metadata);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonObject parseHeader(Path file, String json) {
        try {
            return JsonParser.parseString(json.trim()).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new CheckpointException(file, "the JSON header is malformed: " + e.getMessage(), e);
        }
    }

    private static RawTensor tensor(Path file, String name, JsonObject spec, ByteBuffer all, long dataStart, long size) {
        String dtypeName = spec.get("dtype").getAsString();
        DataType dtype = DTYPES.get(dtypeName);
        if (dtype == null) {
            throw new CheckpointException(file, "tensor '" + name + "' has unknown dtype '" + dtypeName
                    + "'; supported: " + DTYPES.keySet());
        }
        long[] dims = new Gson().fromJson(spec.get("shape"), long[].class);
        long[] offsets = new Gson().fromJson(spec.get("data_offsets"), long[].class);
        Shape shape = new Shape(dims);
        long expected = shape.size() * dtype.getNumOfBytes();
        if (offsets == null || offsets.length != 2 || offsets[1] - offsets[0] != expected || offsets[0] < 0) {
            throw new CheckpointException(file, "tensor '" + name + "' declares byte range "
                    + java.util.Arrays.toString(offsets) + " but shape " + shape + " of " + dtypeName
                    + " needs " + expected + " bytes");
        }
        if (dataStart + offsets[1] > size) {
            throw new CheckpointException(file, "truncated: tensor '" + name + "' ends at byte " + (dataStart + offsets[1])
                    + " but the file has " + size + " bytes");
        }
        ByteBuffer slice = all.slice((int) (dataStart + offsets[0]), (int) expected).order(ByteOrder.LITTLE_ENDIAN);
        return new RawTensor(dtype, shape, slice);
    }

    /**
     * Writes float32 tensors and string metadata atomically (temporary file, fsync, rename).
     *
     * @param file destination
     * @param tensors tensors by name, in the order to write
     * @param metadata string metadata, may be empty
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue().toType(DataType.FLOAT32, false);
            byte[] data = new byte[(int) (a.size() * 4)];
            a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN).get(data);
            JsonObject spec = new JsonObject();
            spec.addProperty("dtype", "F32");
            spec.add("shape", new Gson().toJsonTree(a.getShape().getShape()));
            spec.add("data_offsets", new Gson().toJsonTree(new long[] {offset, offset + data.length}));
            header.add(e.getKey(), spec);
            offset += data.length;
            bytes.put(e.getKey(), data);
        }
        StringBuilder json = new StringBuilder(header.toString());
        while ((8 + json.length()) % 8 != 0) {
            json.append(' ');
        }
        byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (byte[] b : bytes.values()) {
                out.write(b);
            }
        });
    }
}
