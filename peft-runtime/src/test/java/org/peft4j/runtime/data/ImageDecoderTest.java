package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding real PNG and JPEG files to planar RGB. */
class ImageDecoderTest {

    @TempDir
    Path dir;

    @Test
    void rgbPngIsExact() throws IOException {
        BufferedImage src = TestImages.rgb(13, 7, 3);
        RgbImage img = ImageDecoder.decode(TestImages.write(src, dir.resolve("a.png")));
        assertEquals(13, img.width());
        assertEquals(7, img.height());
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 13; x++) {
                int rgb = src.getRGB(x, y);
                assertEquals(rgb >> 16 & 0xFF, img.get(0, x, y));
                assertEquals(rgb >> 8 & 0xFF, img.get(1, x, y));
                assertEquals(rgb & 0xFF, img.get(2, x, y));
            }
        }
    }

    @Test
    void grayscalePngIsReplicatedWithoutGammaChange() throws IOException {
        BufferedImage src = TestImages.gray(9, 5);
        RgbImage img = ImageDecoder.decode(TestImages.write(src, dir.resolve("g.png")));
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 9; x++) {
                int v = src.getRaster().getSample(x, y, 0);
                for (int c = 0; c < 3; c++) {
                    assertEquals(v, img.get(c, x, y), "channel " + c + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() throws IOException {
        RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.rgba(6, 4), dir.resolve("a.png")));
        // x = 0 has alpha 0: PIL's convert("RGB") keeps the colour, it does not blend with white or black
        assertEquals(200, img.get(0, 0, 3));
        assertEquals(27, img.get(1, 0, 3));
        assertEquals(17, img.get(2, 5, 3));
    }

    @Test
    void palettePngIsLookedUp() throws IOException {
        RgbImage img = ImageDecoder.decode(TestImages.write(TestImages.palette(4, 2), dir.resolve("p.png")));
        assertEquals(255, img.get(0, 1, 0));
        assertEquals(0, img.get(1, 1, 0));
        assertEquals(200, img.get(1, 2, 0));
        assertEquals(255, img.get(2, 3, 0));
        assertEquals(128, img.get(0, 2, 1));
    }

    @Test
    void jpegDecodesCloseToItsSource() throws IOException {
        BufferedImage src = TestImages.rgb(32, 24, 1);
        RgbImage img = ImageDecoder.decode(TestImages.write(src, dir.resolve("j.jpg")));
        double err = 0;
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                err += Math.abs((src.getRGB(x, y) >> 8 & 0xFF) - img.get(1, x, y));
            }
        }
        assertTrue(err / (32 * 24) < 6, "mean |green error| = " + err / (32 * 24));
    }

    @Test
    void garbageIsRejected() throws IOException {
        Path f = Files.write(dir.resolve("bad.png"), "not an image at all".getBytes());
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(f));
        assertTrue(e.getMessage().contains("no image decoder"), e.getMessage());
    }

    @Test
    void truncatedPngAndJpegAreRejected() throws IOException {
        for (String name : new String[] {"t.png", "t.jpg"}) {
            Path f = TestImages.write(TestImages.rgb(64, 64, 2), dir.resolve(name));
            byte[] bytes = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
            assertThrows(IOException.class, () -> ImageDecoder.decode(f), name);
        }
    }

    /** A real PNG whose IHDR claims the given size, with a tiny IDAT (one deflated row). */
    private static byte[] pngClaiming(int width, int height, int colourType) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(new byte[16]);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngClaimingHugeDimensionsIsRefusedFromItsHeader() throws IOException {
        Path rgb = Files.write(dir.resolve("bomb.png"), pngClaiming(20000, 20000, 2));
        assertTrue(Files.size(rgb) < 100, "a tiny file");
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(rgb));
        assertEquals("its header declares 20000 x 20000 = 400000000 pixels, over the limit of 67108864 "
                + "(data.max_pixels); resize the image or, if it is genuine, raise data.max_pixels", e.getMessage());
        Path gray = Files.write(dir.resolve("gray.png"), pngClaiming(30000, 30000, 0));
        e = assertThrows(IOException.class, () -> ImageDecoder.decode(gray));
        assertTrue(e.getMessage().startsWith("its header declares 30000 x 30000 = 900000000 pixels"), e.getMessage());
    }

    @Test
    void aJpegClaimingHugeDimensionsIsRefusedFromItsStartOfFrame() throws IOException {
        Path file = TestImages.write(TestImages.rgb(16, 16, 1), dir.resolve("a.jpg"));
        byte[] bytes = Files.readAllBytes(file);
        int sof = 2;
        while (!((bytes[sof] & 0xFF) == 0xFF && (bytes[sof + 1] & 0xFF) == 0xC0)) {
            sof++;
        }
        ByteBuffer.wrap(bytes, sof + 5, 4).putShort((short) 30000).putShort((short) 30000);
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().startsWith("its header declares 30000 x 30000 = 900000000 pixels"), e.getMessage());
    }

    @Test
    void thePixelLimitIsConfigurable() throws IOException {
        Path file = TestImages.write(TestImages.rgb(13, 7, 3), dir.resolve("a.png"));
        DataLimits before = DataLimits.install(new DataLimits(90, 10));
        try {
            IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(file));
            assertTrue(e.getMessage().contains("13 x 7 = 91 pixels, over the limit of 90"), e.getMessage());
            DataLimits.install(new DataLimits(91, 10));
            assertEquals(13, ImageDecoder.decode(file).width());
        } finally {
            DataLimits.install(before);
        }
    }
}
