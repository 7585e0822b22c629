package org.peft4j.runtime.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
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

    /** The longest header read; numpy writes about a hundred bytes. */
    static final int MAX_HEADER = 1 << 16;
    /** The largest array: its bytes must fit one Java array. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private NpyArray() {}

    /**
     * Reads an array from a stream, bounding every size before allocating: the header is at most
     * {@value #MAX_HEADER} bytes, the data exactly what the header's shape and dtype need, and
     * never more than {@code maxDataBytes}.
     *
     * @param problem receives a description of what is wrong and throws
     * @param in the member's content, positioned at its start
     * @param declaredSize the member's size as the archive declares it, or -1 if unknown
     * @param maxDataBytes the most data bytes this array may have
     * @return the tensor
     * @throws IOException if the stream cannot be read
     */
    static RawTensor read(Problem problem, InputStream in, long declaredSize, long maxDataBytes) throws IOException {
        byte[] prefix = in.readNBytes(12);
        if (prefix.length < 10 || !Arrays.equals(Arrays.copyOf(prefix, 6), MAGIC)) {
            throw problem.at("is not a .npy array (no \\x93NUMPY magic)");
        }
        int major = prefix[6];
        ByteBuffer buf = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if ((major == 2 || major == 3) && prefix.length == 12) {
            headerLength = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw problem.at("has .npy format version " + major + "." + prefix[7] + "; supported are 1.0, 2.0 and 3.0");
        }
        if (headerLength > MAX_HEADER) {
            throw problem.at("has a .npy header of " + headerLength + " bytes; at most " + MAX_HEADER + " are accepted");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        int carried = prefix.length - headerStart;
        System.arraycopy(prefix, headerStart, headerBytes, 0, Math.min(carried, headerBytes.length));
        int got = carried >= headerBytes.length ? headerBytes.length
                : carried + in.readNBytes(headerBytes, carried, headerBytes.length - carried);
        if (got < headerLength) {
            throw problem.at("is truncated: its header needs " + (headerStart + headerLength) + " bytes, it has "
                    + (headerStart + got));
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(problem, DESCR, header, "descr");
        DataType dtype = DTYPES.get(descr);
        if (dtype == null) {
            throw problem.at("has dtype '" + descr + "'; supported are little-endian floats " + DTYPES.keySet()
                    + " (re-save the array with numpy as float32)");
        }
        if (field(problem, FORTRAN, header, "fortran_order").equals("True")) {
            throw problem.at("is stored in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        long[] dims = dims(problem, field(problem, SHAPE, header, "shape"));
        long expected = dataBytes(problem, dims, dtype);
        Shape shape = new Shape(dims);
        long dataStart = headerStart + headerLength;
        if (declaredSize >= 0 && declaredSize - dataStart != expected) {
            throw sizeProblem(problem, shape, descr, expected, String.valueOf(declaredSize - dataStart));
        }
        if (expected > maxDataBytes) {
            throw problem.at("declares shape " + shape + " of " + descr + ", " + expected + " data bytes, over the "
                    + maxDataBytes + " left for this archive (its arrays may hold at most " + NpzFile.MAX_TOTAL_BYTES
                    + " bytes and must fit the Java heap); the archive is damaged or hostile");
        }
        byte[] data = in.readNBytes((int) expected);
        if (data.length < expected) {
            throw sizeProblem(problem, shape, descr, expected, String.valueOf(data.length));
        }
        if (in.read() != -1) {
            throw sizeProblem(problem, shape, descr, expected, "more");
        }
        return new RawTensor(dtype, shape, ByteBuffer.wrap(data));
    }

    /** The data bytes of a shape: non-negative dimensions, product exact, below 2 GiB. */
    private static long dataBytes(Problem problem, long[] dims, DataType dtype) {
        long bytes = dtype.getNumOfBytes();
        for (long d : dims) {
            if (d < 0) {
                throw problem.at("has a .npy shape with the negative dimension " + d);
            }
            try {
                bytes = Math.multiplyExact(bytes, d);
            } catch (ArithmeticException e) {
                throw problem.at("has a .npy shape " + Arrays.toString(dims) + " whose size overflows 64 bits");
            }
        }
        if (bytes > MAX_ARRAY) {
            throw problem.at("has " + bytes + " data bytes; arrays over " + MAX_ARRAY + " bytes are not supported");
        }
        return bytes;
    }

    private static CheckpointException sizeProblem(Problem problem, Shape shape, String descr, long expected,
            String actual) {
        boolean shorter = !actual.equals("more") && Long.parseLong(actual) < expected;
        return problem.at((shorter ? "is truncated: " : "has trailing bytes: ") + "shape " + shape + " of " + descr
                + " needs " + expected + " data bytes, it has " + actual);
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
