package org.peft4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.peft4j.runtime.data.DataProblem;

/** The images {@code peft predict} classifies, in input order, with where each was named. */
final class ImageInputs {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    /**
     * One input image.
     *
     * @param name the path as the user gave it, written to the CSV
     * @param file the file to read
     * @param source the list file that names it, or the file itself
     * @param line the list file's line, or 0
     */
    record Input(String name, Path file, Path source, int line) {

        /**
         * A problem with this input, located at its list line when it has one.
         *
         * @param message what is wrong and what to do
         * @return the problem
         */
        DataProblem problem(String message) {
            return new DataProblem(source, line, message);
        }
    }

    private ImageInputs() {}

    /**
     * Every {@code .jpg}, {@code .jpeg} and {@code .png} under a folder (recursively, hidden files
     * skipped), in path order.
     *
     * @param dir the folder
     * @return the inputs, named {@code dir/relative/path}
     */
    static List<Input> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CommandException(dir + " is not a folder; --images takes a folder of .jpg/.jpeg/.png images");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Input> inputs = files.filter(ImageInputs::isVisibleImage).sorted()
                    .map(f -> new Input(f.toString(), f, f, 0)).toList();
            if (inputs.isEmpty()) {
                throw new CommandException(dir + " holds no .jpg, .jpeg or .png image; point --images at a folder of images");
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The images of a list file: the first whitespace-separated field of every non-blank line (so
     * VTAB-1K list files with labels work), relative to the list file's folder.
     *
     * @param list the list file
     * @return the inputs, named as written in the list
     */
    static List<Input> list(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(list + ": the image list cannot be read (" + e.getMessage() + ")", e);
        }
        Path root = list.toAbsolutePath().getParent();
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                String name = line.split("\\s+")[0];
                inputs.add(new Input(name, root.resolve(name), list, i + 1));
            }
        }
        if (inputs.isEmpty()) {
            throw new CommandException(list + ": the image list is empty; write one image path per line");
        }
        return inputs;
    }

    /**
     * Images named on the command line.
     *
     * @param files the files
     * @return the inputs, named as given
     */
    static List<Input> files(List<Path> files) {
        return files.stream().map(f -> new Input(f.toString(), f, f, 0)).toList();
    }

    private static boolean isVisibleImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
