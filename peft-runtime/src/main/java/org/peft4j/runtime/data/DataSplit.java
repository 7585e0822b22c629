package org.peft4j.runtime.data;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A split of a data set: labelled image paths, the number of classes, the SHA-256 of the list the
 * samples came from (keys the image cache) and the problems met while reading the list. Reading
 * never stops at a bad line: {@link SplitValidator} reports them all before training starts.
 *
 * @param name split name, e.g. {@code train800}
 * @param root folder that sample paths resolve against
 * @param source the list file, or the split folder of an image folder
 * @param samples the well-formed entries, in list order
 * @param numClasses number of classes (declared, or derived as the largest label + 1)
 * @param contentHash SHA-256 (hex) of the list file's bytes, or of the listing of an image folder
 * @param readProblems problems met while reading (bad lines, missing list file)
 */
public record DataSplit(
        String name,
        Path root,
        Path source,
        List<Sample> samples,
        int numClasses,
        String contentHash,
        List<DataProblem> readProblems) {

    /** Copies the lists. */
    public DataSplit {
        samples = List.copyOf(samples);
        readProblems = List.copyOf(readProblems);
    }

    /** @return number of samples */
    public int size() {
        return samples.size();
    }

    /**
     * @param sample a sample of this split
     * @return its image file (not checked; {@link SplitValidator} checks it)
     */
    public Path resolve(Sample sample) {
        return root.resolve(sample.path());
    }

    /**
     * Locates a problem: the list file and line when the split has one, the image file otherwise.
     *
     * @param sample the sample at fault
     * @param message what is wrong and what to do
     * @return the problem
     */
    public DataProblem problem(Sample sample, String message) {
        return sample.line() > 0
                ? new DataProblem(source, sample.line(), message)
                : new DataProblem(resolve(sample), 0, message);
    }

    /**
     * The number of classes implied by labels: the largest label + 1 (negative labels ignored).
     *
     * @param samples labelled samples
     * @return largest label + 1, or 0 without samples
     */
    public static int derivedClassCount(Collection<Sample> samples) {
        return samples.stream().mapToInt(Sample::label).max().orElse(-1) + 1;
    }
}
