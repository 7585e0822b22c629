package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
     * Reads every tensor and the metadata of a file. The data is memory-mapped, not copied.
     *
     * @param file the file
     * @return tensors in header order, and the metadata
     * @throws CheckpointException if the file is missing, truncated or malformed
     */
    public static TensorArchive read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(file, "truncated: " + size + " bytes, a safetensors file has at least 8");
            }
            if (size > Integer.MAX_VALUE) {
                throw new CheckpointException(file, size + " bytes: safetensors files over 2 GiB are not supported");
            }
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = all.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER) {
                throw new CheckpointException(file, "header length " + headerLength + " is not between 2 and "
                        + MAX_HEADER + " bytes: the file is damaged or not safetensors");
            }
            if (headerLength > size - 8) {
                throw new CheckpointException(file, "header length " + headerLength + " goes beyond the file of "
                        + size + " bytes: the file is truncated or not safetensors");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            all.get(8, headerBytes);
            JsonObject header = parseHeader(file, new String(headerBytes, StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, long[]> ranges = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    metadata(file, e.getValue(), metadata);
                } else {
                    RawTensor t = tensor(file, e.getKey(), e.getValue(), all, dataStart);
                    tensors.put(e.getKey(), t);
                    ranges.put(e.getKey(), longs(e.getValue().getAsJsonObject().get("data_offsets")));
                }
            }
            requireDisjoint(file, ranges);
            return new TensorArchive(file, tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "does not exist", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonObject parseHeader(Path file, String json) {
        try {
            JsonElement parsed = JsonParser.parseString(json.trim());
            if (!parsed.isJsonObject()) {
                throw new CheckpointException(file, "the JSON header is not an object: it starts with '"
                        + json.substring(0, Math.min(20, json.length())) + "'");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CheckpointException(file, "the JSON header is malformed: " + e.getMessage(), e);
        }
    }

    private static void metadata(Path file, JsonElement value, Map<String, String> out) {
        if (!value.isJsonObject()) {
            throw new CheckpointException(file, "__metadata__ must be an object of strings, found " + value);
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw new CheckpointException(file, "__metadata__ entry '" + m.getKey() + "' must be a string, found "
                        + m.getValue());
            }
            out.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static RawTensor tensor(Path file, String name, JsonElement entry, ByteBuffer all, long dataStart) {
        JsonObject spec = entry.isJsonObject() ? entry.getAsJsonObject() : null;
        long[] dims = spec == null ? null : longs(spec.get("shape"));
        long[] offsets = spec == null ? null : longs(spec.get("data_offsets"));
        JsonElement dtypeField = spec == null ? null : spec.get("dtype");
        if (dims == null || offsets == null || offsets.length != 2 || dtypeField == null
                || !dtypeField.isJsonPrimitive()) {
            throw new CheckpointException(file, "tensor '" + name + "' has a malformed header entry " + entry
                    + "; expected {\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]} of integers");
        }
        if (Arrays.stream(dims).anyMatch(d -> d < 0)) {
            throw new CheckpointException(file, "tensor '" + name + "' has a negative dimension in its shape "
                    + Arrays.toString(dims) + "; the file is damaged or not safetensors");
        }
        String dtypeName = dtypeField.getAsString();
        DataType dtype = DTYPES.get(dtypeName);
        if (dtype == null) {
            throw new CheckpointException(file, "tensor '" + name + "' has unknown dtype '" + dtypeName
                    + "'; supported: " + new TreeSet<>(DTYPES.keySet()));
        }
        long expected = byteSize(file, name, dims, dtype);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin || end - begin != expected) {
            throw new CheckpointException(file, "tensor '" + name + "' declares byte range "
                    + Arrays.toString(offsets) + " but shape " + new Shape(dims) + " of " + dtypeName
                    + " needs " + expected + " bytes");
        }
        if (end > all.capacity() - dataStart) {
            throw new CheckpointException(file, "truncated: tensor '" + name + "' ends at byte "
                    + (end <= Long.MAX_VALUE - dataStart ? String.valueOf(dataStart + end) : dataStart + " + " + end)
                    + " but the file has " + all.capacity() + " bytes");
        }
        return new RawTensor(dtype, new Shape(dims), all.slice((int) (dataStart + begin), (int) expected));
    }

    /** The shape's element count times the dtype size, refused when it overflows a long. */
    private static long byteSize(Path file, String name, long[] dims, DataType dtype) {
        try {
            long size = dtype.getNumOfBytes();
            for (long d : dims) {
                size = Math.multiplyExact(size, d);
            }
            return size;
        } catch (ArithmeticException e) {
            throw new CheckpointException(file, "tensor '" + name + "' has shape " + Arrays.toString(dims)
                    + " whose byte size overflows 64 bits; the file is damaged or hostile");
        }
    }

    /** Refuses two tensors whose byte ranges overlap (empty tensors overlap nothing). */
    private static void requireDisjoint(Path file, Map<String, long[]> ranges) {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(ranges.entrySet());
        sorted.removeIf(e -> e.getValue()[0] == e.getValue()[1]);
        sorted.sort(Comparator.comparingLong(e -> e.getValue()[0]));
        for (int i = 1; i < sorted.size(); i++) {
            Map.Entry<String, long[]> a = sorted.get(i - 1);
            Map.Entry<String, long[]> b = sorted.get(i);
            if (b.getValue()[0] < a.getValue()[1]) {
                throw new CheckpointException(file, "tensors '" + a.getKey() + "' " + Arrays.toString(a.getValue())
                        + " and '" + b.getKey() + "' " + Arrays.toString(b.getValue())
                        + " have overlapping byte ranges; the file is damaged or hostile");
            }
        }
    }

    /** An array of integers (JSON numbers without fraction that fit a long), or null. */
    private static long[] longs(JsonElement element) {
        if (element == null || !element.isJsonArray()) {
            return null;
        }
        JsonArray array = element.getAsJsonArray();
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = array.get(i);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                return null;
            }
            try {
                out[i] = v.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    /**
     * Writes arrays as float32 tensors, with string metadata, atomically.
     *
     * @param file destination
     * @param tensors arrays by name, in the order to write
     * @param metadata string metadata, may be empty
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        Map<String, RawTensor> raw = new LinkedHashMap<>();
        tensors.forEach((name, array) -> raw.put(name, RawTensor.of(array)));
        writeRaw(file, raw, metadata);
    }

    /**
     * Writes tensors of any supported dtype byte for byte, with string metadata, atomically
     * (temporary file, fsync, rename). Reading the file back gives the same tensors.
     *
     * @param file destination
     * @param tensors tensors by name, in the order to write
     * @param metadata string metadata, may be empty
     */
    public static void writeRaw(Path file, Map<String, RawTensor> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, RawTensor> e : tensors.entrySet()) {
            RawTensor t = e.getValue();
            JsonObject spec = new JsonObject();
            spec.addProperty("dtype", dtypeName(t.dtype()));
            spec.add("shape", longArray(t.shape().getShape()));
            spec.add("data_offsets", longArray(offset, offset + t.data().remaining()));
            header.add(e.getKey(), spec);
            offset += t.data().remaining();
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] headerBytes = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(headerBytes, json.length, headerBytes.length, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length).array());
            out.write(headerBytes);
            byte[] chunk = new byte[1 << 16];
            for (RawTensor t : tensors.values()) {
                ByteBuffer data = t.data().duplicate();
                while (data.hasRemaining()) {
                    int n = Math.min(chunk.length, data.remaining());
                    data.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
        });
    }

    private static String dtypeName(DataType dtype) {
        return DTYPES.entrySet().stream().filter(e -> e.getValue() == dtype).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("safetensors cannot hold " + dtype + " tensors"));
    }

    private static JsonArray longArray(long... values) {
        JsonArray array = new JsonArray();
        for (long v : values) {
            array.add(v);
        }
        return array;
    }
}
