package org.peft4j.runtime.io;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/** Converts little-endian float16, bfloat16 and float64 data to float32, as PyTorch's {@code .float()} does. */
final class FloatConversion {

    private static final Set<DataType> FLOATS = Set.of(
            DataType.FLOAT16, DataType.BFLOAT16, DataType.FLOAT32, DataType.FLOAT64);

    private FloatConversion() {}

    static boolean supports(DataType dtype) {
        return FLOATS.contains(dtype);
    }

    static ByteBuffer toFloat32(DataType dtype, ByteBuffer data) {
        if (!supports(dtype)) {
            throw new IllegalStateException(dtype + " values cannot be used as float32 weights");
        }
        ByteBuffer in = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int count = in.remaining() / dtype.getNumOfBytes();
        ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            out.putFloat(switch (dtype) {
                case FLOAT16 -> halfToFloat(in.getShort());
                case BFLOAT16 -> Float.intBitsToFloat(in.getShort() << 16);
                case FLOAT64 -> (float) in.getDouble();
                default -> in.getFloat();
            });
        }
        return out.flip();
    }

    /**
     * Widens an IEEE 754 binary16 value exactly (subnormals, infinities and NaN included).
     *
     * @param half the 16 bits
     * @return the same value as a float
     */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
