package org.peft4j.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image folder: {@code root/<split>/<class>/**.jpg|jpeg|png}. The classes are the names of the
 * class folders over all split folders, sorted; a class's index is its position in that order, so
 * every split labels a class the same way even if a split lacks some class. Files are listed
 * recursively under each class folder in path order; hidden files and other extensions are
 * ignored. The split's content hash is the SHA-256 of its listing, so adding, removing or moving
 * an image changes it.
 */
public final class ImageFolderDataset {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private final Path root;
    private final List<String> classes;

    private ImageFolderDataset(Path root, List<String> classes) {
        this.root = root;
        this.classes = classes;
    }

    /**
     * Opens an image folder.
     *
     * @param root the folder holding one folder per split
     * @return the data set
     * @throws IllegalArgumentException if the folder does not exist
     */
    public static ImageFolderDataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; expected an image folder laid out as "
                    + "<split>/<class>/<image>.jpg|png");
        }
        try (Stream<Path> splits = Files.list(root)) {
            List<String> classes = splits.filter(ImageFolderDataset::visibleFolder)
                    .flatMap(ImageFolderDataset::childFolders)
                    .map(p -> p.getFileName().toString()).distinct().sorted().toList();
            return new ImageFolderDataset(root, classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** @return the class names, sorted; a label is an index into this list */
    public List<String> classes() {
        return classes;
    }

    /**
     * A split folder. A missing or empty folder gives an empty split that validation reports.
     *
     * @param name the split folder's name, e.g. {@code train}
     * @return the split, paths relative to the data set root
     */
    public DataSplit split(String name) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return new DataSplit(name, root, dir, List.of(), classes.size(), "", List.of(new DataProblem(dir, 0,
                    "the split folder does not exist; expected " + root + "/" + name + "/<class>/<image>")));
        }
        List<Sample> samples = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = dir.resolve(classes.get(label));
            if (Files.isDirectory(classDir)) {
                for (Path image : images(classDir)) {
                    samples.add(new Sample(root.relativize(image).toString(), label, 0));
                }
            }
        }
        String listing = samples.stream().map(s -> s.path() + " " + s.label() + "\n").collect(Collectors.joining());
        return new DataSplit(name, root, dir, samples, classes.size(), ContentHash.sha256(listing), List.of());
    }

    private static List<Path> images(Path classDir) {
        try (Stream<Path> files = Files.walk(classDir)) {
            return files.filter(p -> !Files.isDirectory(p) && !hidden(p) && hasImageExtension(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    private static Stream<Path> childFolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(ImageFolderDataset::visibleFolder).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean visibleFolder(Path p) {
        return Files.isDirectory(p) && !hidden(p);
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
