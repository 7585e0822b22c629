package org.peft4j.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a split before any training, collecting every problem rather than stopping at the first:
 * the lines that could not be read (wrong number of fields, non-integer label, missing list file),
 * an empty split, labels outside {@code 0..numClasses-1}, the same image listed twice, paths that
 * escape the root (absolute, {@code ..}, or whose real path, with links and {@code ..} resolved as
 * the file system opens them, lies outside the real root), missing images
 * and, on request, images that cannot be decoded.
 */
public final class SplitValidator {

    private SplitValidator() {}

    /**
     * Every problem found without decoding images, in list order.
     *
     * @param split the split
     * @return the problems; empty when the split is usable
     */
    public static List<DataProblem> checkStructure(DataSplit split) {
        List<DataProblem> problems = new ArrayList<>(split.readProblems());
        if (split.samples().isEmpty() && problems.isEmpty()) {
            problems.add(new DataProblem(split.source(), 0, "the split '" + split.name()
                    + "' has no images; add lines of the form '<path> <label>' or point to another split"));
        }
        Path root = split.root().toAbsolutePath().normalize();
        Path realRoot = realPath(root);
        Map<Path, Sample> seen = new HashMap<>();
        for (Sample sample : split.samples()) {
            if (sample.label() < 0 || sample.label() >= split.numClasses()) {
                problems.add(split.problem(sample, "the label " + sample.label() + " is out of range for "
                        + split.numClasses() + " classes; labels must lie in 0.." + (split.numClasses() - 1)
                        + " (declare more classes if the label is right)"));
            }
            String pathProblem = pathProblem(root, realRoot, sample.path());
            if (pathProblem != null) {
                problems.add(split.problem(sample, pathProblem));
                continue;
            }
            Sample earlier = seen.putIfAbsent(root.resolve(sample.path()).normalize(), sample);
            if (earlier != null) {
                problems.add(split.problem(sample, "the image '" + sample.path() + "' is listed again"
                        + (earlier.line() > 0 ? " (first at line " + earlier.line() + ")" : "")
                        + (earlier.label() != sample.label()
                                ? " with label " + sample.label() + " instead of " + earlier.label() : "")
                        + "; remove the duplicate line"));
            }
        }
        problems.sort(Comparator.comparing((DataProblem p) -> p.source().toString()).thenComparingInt(DataProblem::line));
        return problems;
    }

    /**
     * Decodes every image whose path passed {@link #checkStructure}, reporting those that fail.
     *
     * @param split the split
     * @param threads decoding threads
     * @return one problem per undecodable image, in list order
     */
    public static List<DataProblem> checkImages(DataSplit split, int threads) {
        List<DataProblem> problems = new ArrayList<>();
        Path root = split.root().toAbsolutePath().normalize();
        Path realRoot = realPath(root);
        try {
            OrderedParallel.run(split.size(), threads, i -> decodeProblem(split, root, realRoot, split.samples().get(i)),
                    (i, problem) -> {
                        if (problem != null) {
                            problems.add(problem);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("unreachable: the sink does no I/O", e);
        }
        return problems;
    }

    /**
     * Every problem of a split: structure, then (on request) decoding of the images that passed.
     *
     * @param split the split
     * @param decode whether to decode every image too (slow: reads all pixels)
     * @param threads decoding threads
     * @return the problems in list order; empty when the split is usable
     */
    public static List<DataProblem> validate(DataSplit split, boolean decode, int threads) {
        List<DataProblem> problems = checkStructure(split);
        if (decode) {
            problems.addAll(checkImages(split, threads));
            problems.sort(Comparator.comparing((DataProblem p) -> p.source().toString()).thenComparingInt(DataProblem::line));
        }
        return problems;
    }

    /**
     * Throws if there are problems.
     *
     * @param problems the problems found
     * @throws DataValidationException listing the first few problems, carrying all
     */
    public static void requireNone(List<DataProblem> problems) {
        if (!problems.isEmpty()) {
            throw new DataValidationException(problems);
        }
    }

    /**
     * The message for an image that cannot be decoded.
     *
     * @param sample the sample
     * @param reason the decoder's reason
     * @return what is wrong and what to do
     */
    static String undecodable(Sample sample, String reason) {
        return "the image '" + sample.path() + "' cannot be decoded: " + reason
                + "; replace the file, or remove its line from the list file";
    }

    private static DataProblem decodeProblem(DataSplit split, Path root, Path realRoot, Sample sample) {
        if (pathProblem(root, realRoot, sample.path()) != null) {
            return null;
        }
        try {
            ImageDecoder.decode(split.resolve(sample));
            return null;
        } catch (IOException e) {
            return split.problem(sample, undecodable(sample, e.getMessage()));
        }
    }

    /** Why a path is unusable (outside the root, missing, not a file), or null when it is fine. */
    private static String pathProblem(Path root, Path realRoot, String path) {
        Path relative;
        try {
            relative = Path.of(path);
        } catch (InvalidPathException e) {
            return "the image path '" + path + "' is not a valid path (" + e.getReason() + "); fix the line";
        }
        if (relative.isAbsolute()) {
            return "the image path '" + path + "' is absolute; paths must be relative to " + root;
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            return "the image path '" + path + "' escapes the data set root " + root
                    + " through '..'; keep images inside the root";
        }
        // the file that will be opened: links and '..' resolved in order, as the OS does
        Path opened = root.resolve(relative);
        if (!Files.exists(opened)) {
            return "the image '" + path + "' does not exist under " + root + "; fix the path or remove the line";
        }
        Path real;
        try {
            real = opened.toRealPath();
        } catch (IOException e) {
            return "the image path '" + path + "' cannot be resolved (" + e.getMessage() + "); fix the path";
        }
        if (!real.startsWith(realRoot)) {
            return "the image path '" + path + "' goes through a symbolic link resolving to " + real
                    + ", outside the data set root " + realRoot + "; copy the image into the root";
        }
        if (!Files.isRegularFile(real)) {
            return "the image path '" + path + "' is not a regular file; point it at an image file";
        }
        return null;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
