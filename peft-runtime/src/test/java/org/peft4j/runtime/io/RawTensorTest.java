package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The byte-level layout operations and float conversions agree with PyTorch's. */
class RawTensorTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void permuteMatchesTranspose() {
        NDArray a = manager.arange(2 * 3 * 4 * 5f).reshape(2, 3, 4, 5);
        int[][] orders = {{3, 2, 0, 1}, {1, 0, 2, 3}, {0, 1, 2, 3}, {2, 3, 1, 0}};
        for (int[] axes : orders) {
            RawTensor permuted = RawTensor.of(a).permute(axes);
            NDArray expected = a.transpose(axes);
            assertEquals(expected.getShape(), permuted.shape());
            assertArrayEquals(expected.toFloatArray(), permuted.toNDArray(manager).toFloatArray());
        }
        assertThrows(IllegalArgumentException.class, () -> RawTensor.of(a).permute(0, 0, 1, 2));
    }

    @Test
    void concatStacksAlongTheFirstAxis() {
        NDArray a = manager.arange(6f).reshape(2, 3);
        NDArray b = manager.arange(6f, 9f).reshape(1, 3);
        RawTensor joined = RawTensor.concat(List.of(RawTensor.of(a), RawTensor.of(b)));
        assertEquals(new Shape(3, 3), joined.shape());
        assertArrayEquals(a.concat(b, 0).toFloatArray(), joined.toNDArray(manager).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> RawTensor.concat(List.of(RawTensor.of(a), RawTensor.of(b.reshape(3, 1)))));
    }

    @Test
    void reshapeKeepsTheElementCount() {
        RawTensor t = RawTensor.of(manager.arange(12f));
        assertEquals(new Shape(3, 4), t.reshape(3, 4).shape());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 2));
    }

    @Test
    void everyHalfPrecisionValueWidensLikePyTorch() {
        ByteBuffer all = everySixteenBitPattern();
        float[] ours = new RawTensor(DataType.FLOAT16, new Shape(1 << 16), all).toNDArray(manager).toFloatArray();
        float[] torch = manager.create(all, new Shape(1 << 16), DataType.FLOAT16).toType(DataType.FLOAT32, false)
                .toFloatArray();
        for (int i = 0; i < ours.length; i++) {
            // compare bit patterns, so that NaN payloads and signed zeros must agree too
            assertEquals(Float.floatToIntBits(torch[i]), Float.floatToIntBits(ours[i]), "float16 bits " + i);
        }
    }

    @Test
    void everyBfloat16ValueIsTheUpperHalfOfAFloat() {
        // DJL 0.36 aborts the JVM when it creates a bfloat16 array from a buffer, so this checks the definition
        float[] ours = new RawTensor(DataType.BFLOAT16, new Shape(1 << 16), everySixteenBitPattern()).toFloat32()
                .toNDArray(manager).toFloatArray();
        for (int i = 0; i < ours.length; i++) {
            assertEquals(i << 16, Float.floatToRawIntBits(ours[i]), "bfloat16 bits " + i);
        }
    }

    private static ByteBuffer everySixteenBitPattern() {
        ByteBuffer all = ByteBuffer.allocate(2 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int bits = 0; bits < 1 << 16; bits++) {
            all.putShort((short) bits);
        }
        return all.flip();
    }

    @Test
    void integersAreNotWeights() {
        RawTensor ints = new RawTensor(DataType.INT32, new Shape(1), ByteBuffer.allocate(4));
        assertEquals(false, ints.isFloat());
        assertThrows(IllegalStateException.class, ints::toFloat32);
    }
}
