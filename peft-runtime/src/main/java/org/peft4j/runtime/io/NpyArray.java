package org.peft4j.runtime.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one NumPy {@code .npy} array (format versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, the version, the header length, a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}, then the data. Only little-endian floats in C order
 * are accepted.
 */
final class NpyArray {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, DataType> DTYPES = Map.of(
            "<f4", DataType.FLOAT32, "<f2", DataType.FLOAT16, "<f8", DataType.FLOAT64);
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyArray() {}

    /**
     * Parses an array.
     *
     * @param problem receives a description of what is wrong and throws
     * @param bytes the whole {@code .npy} content
     * @return the tensor, its data wrapping the given bytes
     */
    static RawTensor parse(Problem problem, byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw problem.at("is not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if ((major == 2 || major == 3) && bytes.length >= 12) {
            headerLength = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw problem.at("has .npy format version " + major + "." + bytes[7] + "; supported are 1.0, 2.0 and 3.0");
        }
        if (headerStart + headerLength > bytes.length) {
            throw problem.at("is truncated: its header needs " + (headerStart + headerLength) + " bytes, it has "
                    + bytes.length);
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(problem, DESCR, header, "descr");
        DataType dtype = DTYPES.get(descr);
        if (dtype == null) {
            throw problem.at("has dtype '" + descr + "'; supported are little-endian floats " + DTYPES.keySet()
                    + " (re-save the array with numpy as float32)");
        }
        if (field(problem, FORTRAN, header, "fortran_order").equals("True")) {
            throw problem.at("is stored in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        Shape shape = new Shape(dims(problem, field(problem, SHAPE, header, "shape")));
        int dataStart = headerStart + (int) headerLength;
        long expected = shape.size() * dtype.getNumOfBytes();
        if (bytes.length - dataStart != expected) {
            throw problem.at((bytes.length - dataStart < expected ? "is truncated: " : "has trailing bytes: ")
                    + "shape " + shape + " of " + descr + " needs " + expected + " data bytes, it has "
                    + (bytes.length - dataStart));
        }
        return new RawTensor(dtype, shape, ByteBuffer.wrap(bytes, dataStart, (int) expected));
    }

    private static String field(Problem problem, Pattern pattern, String header, String name) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw problem.at("has a .npy header without a valid '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] dims(Problem problem, String tuple) {
        return Arrays.stream(tuple.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToLong(s -> {
                    try {
                        return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                    } catch (NumberFormatException e) {
                        throw problem.at("has a .npy shape with a non-integer dimension '" + s + "'");
                    }
                })
                .toArray();
    }

    /** Builds the exception for a malformed array, naming where it comes from. */
    @FunctionalInterface
    interface Problem {
        /**
         * The exception to throw.
         *
         * @param what what is wrong, as a predicate of the array ("is truncated: ...")
         * @return the exception
         */
        CheckpointException at(String what);
    }
}
