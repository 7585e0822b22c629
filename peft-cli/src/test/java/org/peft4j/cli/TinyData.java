package org.peft4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small data sets of real PNG files for the command-line tests. */
final class TinyData {

    private TinyData() {}

    /**
     * A VTAB-1K task folder with two classes (dark and bright images): train800.txt with 8 images,
     * val200.txt with 4, their union, and test.txt with 4.
     *
     * @param dir the task folder to create
     * @return the folder
     */
    static Path task(Path dir) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String name = "images/" + i + ".png";
            png(dir.resolve(name), 40 + i % 3, 36, i % 2, i);
            lines.add(name + " " + i % 2);
        }
        list(dir.resolve("train800.txt"), lines.subList(0, 8));
        list(dir.resolve("val200.txt"), lines.subList(8, 12));
        list(dir.resolve("train800val200.txt"), lines.subList(0, 12));
        list(dir.resolve("test.txt"), lines.subList(12, 16));
        return dir;
    }

    /**
     * A folder of images to classify.
     *
     * @param dir the folder to create
     * @param n how many images
     * @return the folder
     */
    static Path photos(Path dir, int n) {
        for (int i = 0; i < n; i++) {
            png(dir.resolve("photo-" + i + ".png"), 33, 31, i % 2, 100 + i);
        }
        return dir;
    }

    /**
     * An RGB PNG, dark for class 0 and bright for class 1, with seeded noise.
     *
     * @param file where to write it
     * @param w width
     * @param h height
     * @param label the class
     * @param seed seed of the noise
     * @return the file
     */
    static Path png(Path file, int w, int h, int label, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int level = Math.min(255, Math.max(0, (label == 0 ? 50 : 200) + (int) (30 * random.nextGaussian())));
                image.setRGB(x, y, level << 16 | (255 - level) << 8 | (x * 6 & 0xFF));
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes lines to a file, each ending in a newline.
     *
     * @param file the file
     * @param lines its lines
     * @return the file
     */
    static Path list(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
