package org.peft4j.runtime.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes real PNG and JPEG files for the data tests. */
final class TestImages {

    private TestImages() {}

    /** An RGB image whose colour encodes (seed, x, y). */
    static BufferedImage rgb(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((seed * 40 + x * 5) & 0xFF) << 16 | ((y * 7 + seed) & 0xFF) << 8 | (seed * 97 & 0xFF));
            }
        }
        return img;
    }

    /** An 8-bit grayscale image. */
    static BufferedImage gray(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 11 + y * 3) & 0xFF);
            }
        }
        return img;
    }

    /** An RGBA image with varying alpha. */
    static BufferedImage rgba(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 20 & 0xFF) << 24 | 200 << 16 | (y * 9 & 0xFF) << 8 | 17);
            }
        }
        return img;
    }

    /** A 4-colour palette image. */
    static BufferedImage palette(int w, int h) {
        byte[] r = {0, (byte) 255, 10, (byte) 128};
        byte[] g = {0, 0, (byte) 200, (byte) 128};
        byte[] b = {0, 0, 30, (byte) 255};
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r, g, b));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        return img;
    }

    static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String format = file.toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "png" : "jpg";
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A VTAB-1K task folder: images/&lt;i&gt;.png|jpg (every third a JPEG, one grayscale, one RGBA),
     * train800.txt with {@code train} images, val200.txt with {@code val}, their union and a test list.
     */
    static Path vtabTask(Path dir, int train, int val, int test, int classes) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < train + val + test; i++) {
            String name = "images/" + i + (i % 3 == 2 ? ".jpg" : ".png");
            BufferedImage img = i == 1 ? gray(30, 20) : i == 4 ? rgba(25, 40) : rgb(30 + i % 5, 20 + i % 7, i);
            write(img, dir.resolve(name));
            lines.add(name + " " + (i % classes) + "\n");
        }
        writeText(dir.resolve("train800.txt"), String.join("", lines.subList(0, train)));
        writeText(dir.resolve("val200.txt"), String.join("", lines.subList(train, train + val)));
        writeText(dir.resolve("train800val200.txt"), String.join("", lines.subList(0, train + val)));
        writeText(dir.resolve("test.txt"), String.join("", lines.subList(train + val, lines.size())));
        return dir;
    }
}
