package org.peft4j.embedded;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.peft4j.runtime.data.RgbImage;

/**
 * Encodes 8-bit RGB images as minimal PNG files (IHDR, one IDAT, IEND; no filters, no metadata), so
 * that the bytes depend only on the pixels and the platform's zlib.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngEncoder() {}

    /**
     * Encodes an image.
     *
     * @param image planar RGB
     * @return the PNG file's bytes
     */
    static byte[] encode(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] raw = new byte[h * (1 + 3 * w)];
        byte[] pixels = image.pixels();
        int plane = image.planeSize();
        int o = 0;
        for (int y = 0; y < h; y++) {
            raw[o++] = 0;
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    raw[o++] = pixels[c * plane + y * w + x];
                }
            }
        }
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream(raw.length + 64);
            file.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(w);
            d.writeInt(h);
            d.write(new byte[] {8, 2, 0, 0, 0});
            chunk(file, "IHDR", ihdr.toByteArray());
            chunk(file, "IDAT", deflate(raw));
            chunk(file, "IEND", new byte[0]);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory: " + e.getMessage(), e);
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(9);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
