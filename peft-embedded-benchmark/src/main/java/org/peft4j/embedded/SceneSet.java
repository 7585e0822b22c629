package org.peft4j.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.peft4j.runtime.data.RgbImage;

/**
 * A numbered set of images of one generator: image {@code i} has label {@code i mod classes} and is
 * drawn from random streams keyed by (seed, task, part, i), so any image can be rendered alone, in
 * any order, on any thread. Sets that differ only in their {@link Look} show the same scenes.
 *
 * @param generator the task's generator
 * @param seed the benchmark seed
 * @param part the part name, also the image sub-folder (e.g. {@code train}, {@code test}; {@code _shifted}
 *     appended under the shifted look)
 * @param size number of images
 * @param look the appearance distribution
 */
record SceneSet(SceneGenerator generator, long seed, String part, int size, Look look) {

    /**
     * @param i image index
     * @return its label
     */
    int label(int i) {
        return i % generator.task().classes();
    }

    /**
     * Draws image {@code i}.
     *
     * @param i image index
     * @return the image
     */
    RgbImage render(int i) {
        long task = generator.task().name().hashCode();
        long partKey = part.hashCode();
        return generator.render(label(i), Rng.of(seed, task, partKey, i, 0), Rng.of(seed, task, partKey, i, 1), look);
    }

    /**
     * @param i image index
     * @return its path relative to the task folder, e.g. {@code images/train/00042.png}, or
     *     {@code images/test_shifted/00042.png} under the shifted look
     */
    String path(int i) {
        return String.format(Locale.ROOT, "images/%s%s/%05d.png", part, look == Look.SHIFTED ? "_shifted" : "", i);
    }

    /**
     * Writes images {@code from} (inclusive) to {@code to} (exclusive) as PNG files.
     *
     * @param folder the task folder
     * @param from first index
     * @param to end index
     * @throws IOException if a file cannot be written
     */
    void write(Path folder, int from, int to) throws IOException {
        Files.createDirectories(folder.resolve(path(0)).getParent());
        for (int i = from; i < to; i++) {
            Files.write(folder.resolve(path(i)), PngEncoder.encode(render(i)));
        }
    }

    /**
     * A list file's content for a range of images.
     *
     * @param from first index
     * @param to end index
     * @param separator between path and label: {@code " "} for VTAB lists, {@code ","} for CSV
     * @return one {@code path label} line per image
     */
    String list(int from, int to, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(path(i)).append(separator).append(label(i)).append('\n');
        }
        return out.toString();
    }
}
