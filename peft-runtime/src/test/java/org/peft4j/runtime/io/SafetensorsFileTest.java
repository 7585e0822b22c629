package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips and every malformed-file error of the safetensors reader. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void writingRoundTripsEveryDtypeByteForByte() throws IOException {
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        tensors.put("f32", raw(DataType.FLOAT32, new Shape(2, 3), 24));
        tensors.put("f16", raw(DataType.FLOAT16, new Shape(5), 10));
        tensors.put("bf16", raw(DataType.BFLOAT16, new Shape(1, 3), 6));
        tensors.put("f64", raw(DataType.FLOAT64, new Shape(2), 16));
        tensors.put("i64", raw(DataType.INT64, new Shape(1), 8));
        tensors.put("scalar", raw(DataType.FLOAT32, new Shape(), 4));
        tensors.put("ünïcode", raw(DataType.UINT8, new Shape(3), 3));
        Path file = dir.resolve("all.safetensors");
        SafetensorsFile.writeRaw(file, tensors, Map.of("step", "12", "note", "a b"));
        TensorArchive back = SafetensorsFile.read(file);
        assertEquals(Map.of("step", "12", "note", "a b"), back.metadata());
        assertEquals(tensors.keySet().stream().toList(), back.tensors().keySet().stream().toList());
        tensors.forEach((name, t) -> {
            RawTensor r = back.get(name);
            assertEquals(t.dtype(), r.dtype(), name);
            assertEquals(t.shape(), r.shape(), name);
            assertEquals(t.data(), r.data(), name);
        });
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data starts 8-byte aligned");
    }

    @Test
    void arraysRoundTripExactlyAsFloat32() {
        Path file = dir.resolve("arrays.safetensors");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = manager.randomNormal(new Shape(4, 5));
            NDArray b = manager.create(new double[] {1.5, -2.25});
            SafetensorsFile.write(file, Map.of("a", a, "b", b), Map.of());
            TensorArchive back = SafetensorsFile.read(file);
            assertArrayEquals(a.toFloatArray(), back.get("a").toNDArray(manager).toFloatArray());
            assertEquals(DataType.FLOAT32, back.get("b").dtype());
            assertArrayEquals(new float[] {1.5f, -2.25f}, back.get("b").toNDArray(manager).toFloatArray());
        }
    }

    @Test
    void halfPrecisionAndDoubleConvertToFloat32() {
        Path file = dir.resolve("mixed.safetensors");
        ByteBuffer f16 = le(8).putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001)
                .putShort((short) 0x7bff).flip();
        ByteBuffer bf16 = le(4).putShort((short) 0x3f80).putShort((short) 0xc0a0).flip();
        ByteBuffer f64 = le(16).putDouble(0.1).putDouble(-3).flip();
        SafetensorsFile.writeRaw(file, Map.of(
                "f16", new RawTensor(DataType.FLOAT16, new Shape(4), f16),
                "bf16", new RawTensor(DataType.BFLOAT16, new Shape(2), bf16),
                "f64", new RawTensor(DataType.FLOAT64, new Shape(2), f64)), Map.of());
        TensorArchive back = SafetensorsFile.read(file);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertArrayEquals(new float[] {1f, -2f, 0x1p-24f, 65504f}, back.get("f16").toNDArray(manager).toFloatArray());
            assertArrayEquals(new float[] {1f, -5f}, back.get("bf16").toNDArray(manager).toFloatArray());
            assertArrayEquals(new float[] {0.1f, -3f}, back.get("f64").toNDArray(manager).toFloatArray());
        }
    }

    @Test
    void aFileShorterThanTheLengthFieldIsTruncated() throws IOException {
        assertError(write(new byte[] {1, 2, 3}), "truncated: 3 bytes");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsReported() throws IOException {
        byte[] bytes = withHeader("{}");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertError(write(bytes), "header length 1000 goes beyond the file of " + bytes.length + " bytes");
    }

    @Test
    void truncatedTensorDataIsReported() throws IOException {
        Path file = dir.resolve("full.safetensors");
        SafetensorsFile.writeRaw(file, Map.of("w", raw(DataType.FLOAT32, new Shape(10), 40)), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        assertError(write(Arrays.copyOf(bytes, bytes.length - 4)), "truncated: tensor 'w' ends at byte " + bytes.length);
    }

    @Test
    void malformedJsonIsReported() throws IOException {
        assertError(write(withHeader("{\"w\": {\"dtype\": \"F32\",")), "the JSON header is malformed");
        assertError(write(withHeader("[1, 2]")), "the JSON header is not an object");
    }

    @Test
    void malformedEntriesAreReported() throws IOException {
        assertError(write(withHeader("{\"w\": {\"dtype\": \"F32\", \"shape\": [2]}}")),
                "tensor 'w' has a malformed header entry");
        assertError(write(withHeader("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}")),
                "tensor 'w' declares byte range [0, 4] but shape (2) of F32 needs 8 bytes");
        assertError(write(withHeader("{\"__metadata__\": {\"n\": 1}}")), "__metadata__ entry 'n' must be a string");
    }

    @Test
    void anUnknownDtypeIsNamed() throws IOException {
        assertError(write(withHeader("{\"w\": {\"dtype\": \"F8_E4M3\", \"shape\": [1], \"data_offsets\": [0, 1]}}")),
                "tensor 'w' has unknown dtype 'F8_E4M3'; supported: [BF16, BOOL, F16, F32, F64, I32, I64, I8, U8]");
    }

    @Test
    void offsetsNearTheLongLimitDoNotOverflowTheBoundsCheck() throws IOException {
        long max = Long.MAX_VALUE;
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": ["
                + (max - 4) + ", " + max + "]}}", 4)), "truncated: tensor 'w' ends at byte ");
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [-4, 0]}}", 4)),
                "tensor 'w' declares byte range [-4, 0]");
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 1e30]}}", 4)),
                "tensor 'w' has a malformed header entry");
    }

    @Test
    void aShapeWhoseSizeOverflowsIsRefused() throws IOException {
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296], "
                + "\"data_offsets\": [0, 0]}}", 0)), "whose byte size overflows 64 bits");
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [-1, -4], \"data_offsets\": [0, 16]}}", 16)),
                "tensor 'w' has a negative dimension in its shape [-1, -4]");
        assertError(write(withData("{\"w\": {\"dtype\": \"F32\", \"shape\": [2.5], \"data_offsets\": [0, 8]}}", 8)),
                "tensor 'w' has a malformed header entry");
    }

    @Test
    void overlappingByteRangesAreRefused() throws IOException {
        assertError(write(withData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, "
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}", 12)),
                "tensors 'a' [0, 8] and 'b' [4, 12] have overlapping byte ranges");
        assertError(write(withData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, "
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 8)),
                "have overlapping byte ranges");
    }

    @Test
    void aNegativeOrHugeHeaderLengthIsRefused() throws IOException {
        for (long length : new long[] {-8, Long.MIN_VALUE, Long.MAX_VALUE - 4}) {
            byte[] bytes = withHeader("{}");
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            assertError(write(bytes), "header length " + length + " is not between 2 and");
        }
    }

    @Test
    void aMissingFileIsReported() {
        assertError(dir.resolve("nope.safetensors"), "does not exist");
    }

    private void assertError(Path file, String expected) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "bad", ".safetensors");
        return Files.write(file, bytes);
    }

    private static byte[] withHeader(String json) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return le(8 + header.length).putLong(header.length).put(header).array();
    }

    private static byte[] withData(String json, int dataBytes) {
        byte[] header = withHeader(json);
        return Arrays.copyOf(header, header.length + dataBytes);
    }

    private static RawTensor raw(DataType dtype, Shape shape, int bytes) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (31 * i + 7);
        }
        return new RawTensor(dtype, shape, ByteBuffer.wrap(data));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
