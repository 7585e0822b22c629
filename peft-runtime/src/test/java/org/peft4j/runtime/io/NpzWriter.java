package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .npz archives the way numpy.savez (stored) and numpy.savez_compressed (deflated) do. */
final class NpzWriter {

    private final Map<String, byte[]> members = new LinkedHashMap<>();

    /** Adds an array from an NDArray as little-endian float32 (or float64), in .npy format 1.0 (or 2.0). */
    NpzWriter add(String key, NDArray array, boolean float64, int major) {
        float[] values = array.toFloatArray();
        ByteBuffer data = ByteBuffer.allocate(values.length * (float64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (float64) {
                data.putDouble(v);
            } else {
                data.putFloat(v);
            }
        }
        return addMember(key + ".npy", npy(major, float64 ? "<f8" : "<f4", false, array.getShape().getShape(), data.array()));
    }

    /** Adds a float32 array in .npy format 1.0. */
    NpzWriter add(String key, NDArray array) {
        return add(key, array, false, 1);
    }

    /** Adds a member with the given name and bytes. */
    NpzWriter addMember(String name, byte[] content) {
        members.put(name, content);
        return this;
    }

    /** Removes a member. */
    NpzWriter remove(String name) {
        members.remove(name);
        return this;
    }

    /** Writes the archive; stored entries carry their CRC and size up front, like numpy. */
    void write(Path file, boolean compressed) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.setLevel(1);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry entry = new ZipEntry(m.getKey());
                if (!compressed) {
                    CRC32 crc = new CRC32();
                    crc.update(m.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(m.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(m.getValue());
                zip.closeEntry();
            }
        }
    }

    /** A complete .npy file: magic, version, padded header dict, data. */
    static byte[] npy(int major, String descr, boolean fortran, long[] shape, byte[] data) {
        String dims = shape.length == 1 ? shape[0] + ","
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': (" + dims + "), }";
        int prefix = major == 1 ? 10 : 12;
        int padded = (prefix + dict.length() + 1 + 63) / 64 * 64 - prefix;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(prefix + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.putShort((short) padded);
        } else {
            out.putInt(padded);
        }
        out.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return out.array();
    }
}
