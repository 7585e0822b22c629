package org.peft4j.eval.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.data.ContentHash;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.Sample;

/**
 * Reads a list file of a task folder by any name (e.g. a distribution-shifted test set such as
 * {@code test_shifted.txt}), in the VTAB-1K line format {@code <relative/path> <label>}.
 */
final class ListSplit {

    private ListSplit() {}

    /**
     * Reads {@code <taskDir>/<name>.txt}.
     *
     * @param taskDir the task folder, which the paths are relative to
     * @param name the list's name without {@code .txt}
     * @param classes the task's number of classes
     * @return the split
     * @throws IllegalArgumentException naming the file and line of a missing file, a malformed line
     *     or a label out of range, or when the list is empty
     */
    static DataSplit read(Path taskDir, String name, int classes) {
        Path file = taskDir.resolve(name + ".txt");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no split '" + name + "': " + file + " does not exist; "
                    + "expected a list file of '<path> <label>' lines in the task folder", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            int label = fields.length == 2 ? parseLabel(fields[1]) : -1;
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected '<path> <label>' with a label "
                        + "in 0.." + (classes - 1) + ", found '" + line + "'");
            }
            samples.add(new Sample(fields[0], label, i + 1));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no image; expected '<path> <label>' lines");
        }
        return new DataSplit(name, taskDir, file, samples, classes, ContentHash.sha256(text), List.of());
    }

    private static int parseLabel(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
