package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A tensor read from a file: its dtype, shape and little-endian C-order bytes, not yet on a
 * device. The layout operations ({@link #reshape}, {@link #permute}, {@link #concat}) work on the
 * bytes, so checkpoints can be converted without an engine.
 *
 * @param dtype element type
 * @param shape dimensions
 * @param data exactly shape.size() × dtype size bytes, little-endian
 */
public record RawTensor(DataType dtype, Shape shape, ByteBuffer data) {

    /** Checks the byte count and fixes the byte order; the buffer is not copied. */
    public RawTensor {
        long expected = shape.size() * dtype.getNumOfBytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("a " + dtype + " tensor of shape " + shape + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies an array's values (converted to float32) into a new tensor.
     *
     * @param array the source, on any device
     * @return a float32 tensor on the Java heap
     */
    public static RawTensor of(NDArray array) {
        NDArray f32 = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(f32.size() * 4)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(f32.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN)).flip();
        if (f32 != array) {
            f32.close();
        }
        return new RawTensor(DataType.FLOAT32, array.getShape(), bytes);
    }

    /**
     * Whether the elements are floating point (and so can become float32 weights).
     *
     * @return true for float16, bfloat16, float32 and float64
     */
    public boolean isFloat() {
        return FloatConversion.supports(dtype);
    }

    /**
     * This tensor as float32: itself when already float32, otherwise a converted copy.
     *
     * @return a float32 tensor
     * @throws IllegalStateException if the elements are not floating point
     */
    public RawTensor toFloat32() {
        return dtype == DataType.FLOAT32 ? this : new RawTensor(DataType.FLOAT32, shape, FloatConversion.toFloat32(dtype, data));
    }

    /**
     * Creates an NDArray with these values, converted to float32. The values are copied into
     * memory the manager owns, never aliasing a memory-mapped file.
     *
     * @param manager where to create it
     * @return a float32 array
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(float32Copy(manager), shape, DataType.FLOAT32);
    }

    /**
     * Overwrites a float32 tensor with these values. The tensor takes a fresh buffer that it keeps
     * alive itself (DJL's {@code set} adopts a direct buffer as storage without copying, so the
     * buffer must never be memory-mapped or belong to another tensor).
     *
     * @param target a tensor of the same shape
     * @throws IllegalArgumentException if the shapes differ
     */
    public void copyInto(NDArray target) {
        if (!shape.equals(target.getShape())) {
            throw new IllegalArgumentException("shape " + shape + " does not fit a tensor of shape " + target.getShape());
        }
        target.set(float32Copy(target.getManager()));
    }

    /**
     * The values as float32 in a new direct buffer from the manager, which PyTorch may use as
     * storage (unlike a read-only memory-mapped file).
     */
    ByteBuffer float32Copy(NDManager manager) {
        ByteBuffer src = toFloat32().data();
        ByteBuffer owned = manager.allocateDirect(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        return owned.put(src.duplicate()).flip();
    }

    /**
     * The same bytes with other dimensions (C order), like {@code numpy.reshape}.
     *
     * @param dims the new dimensions, with the same element count
     * @return a view sharing the bytes
     */
    public RawTensor reshape(long... dims) {
        Shape target = new Shape(dims);
        if (target.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + target);
        }
        return new RawTensor(dtype, target, data);
    }

    /**
     * Reorders the axes, like {@code numpy.transpose(axes)}: axis i of the result is axis
     * {@code axes[i]} of this tensor.
     *
     * @param axes a permutation of 0..rank-1
     * @return a new tensor in C order
     */
    public RawTensor permute(int... axes) {
        int rank = shape.dimension();
        if (axes.length != rank || !Arrays.equals(Arrays.stream(axes).sorted().toArray(), IntStream.range(0, rank).toArray())) {
            throw new IllegalArgumentException(Arrays.toString(axes) + " is not a permutation of the axes of " + shape);
        }
        long[] inStrides = new long[rank];
        long stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStrides[d] = stride;
            stride *= shape.get(d);
        }
        long[] outDims = new long[rank];
        long[] step = new long[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = shape.get(axes[i]);
            step[i] = inStrides[axes[i]];
        }
        int width = dtype.getNumOfBytes();
        byte[] in = new byte[data.remaining()];
        data.duplicate().get(in);
        byte[] out = new byte[in.length];
        long[] index = new long[rank];
        long src = 0;
        for (int k = 0; k < out.length; k += width) {
            System.arraycopy(in, (int) src * width, out, k, width);
            for (int d = rank - 1; d >= 0; d--) {
                src += step[d];
                if (++index[d] < outDims[d]) {
                    break;
                }
                src -= step[d] * outDims[d];
                index[d] = 0;
            }
        }
        return new RawTensor(dtype, new Shape(outDims), ByteBuffer.wrap(out));
    }

    /**
     * Stacks tensors along axis 0, like {@code numpy.concatenate(parts, axis=0)}.
     *
     * @param parts tensors of one dtype whose other dimensions agree
     * @return a new tensor
     */
    public static RawTensor concat(List<RawTensor> parts) {
        RawTensor first = parts.get(0);
        long rows = 0;
        int bytes = 0;
        for (RawTensor p : parts) {
            if (p.dtype != first.dtype || p.shape.dimension() != first.shape.dimension()
                    || !p.shape.slice(1).equals(first.shape.slice(1))) {
                throw new IllegalArgumentException("cannot concatenate " + p.dtype + " " + p.shape + " with "
                        + first.dtype + " " + first.shape + " along axis 0");
            }
            rows += p.shape.get(0);
            bytes += p.data.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(bytes);
        parts.forEach(p -> out.put(p.data.duplicate()));
        long[] dims = first.shape.getShape().clone();
        dims[0] = rows;
        return new RawTensor(first.dtype, new Shape(dims), out.flip());
    }
}
