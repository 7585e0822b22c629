package org.peft4j.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peft4j.runtime.data.CsvDataset;
import org.peft4j.runtime.data.DataSplit;

/**
 * The pretraining images: the {@link UpstreamTask} (32 classes of shape × fill, no downstream
 * class among them) written as PNG files with {@code train.csv} and {@code val.csv} lists into a
 * generated folder.
 */
public final class UpstreamData {

    private static final SceneGenerator GENERATOR = new UpstreamTask();

    private final Path folder;
    private final SceneSet train;
    private final SceneSet val;

    /**
     * Describes the upstream set; nothing is written until {@link #ensure(int)}.
     *
     * @param parent folder under which the set's own folder is created
     * @param seed seed of the images
     * @param trainImages training images
     * @param valImages held-out images
     */
    public UpstreamData(Path parent, long seed, int trainImages, int valImages) {
        if (trainImages < 1 || valImages < 1) {
            throw new IllegalArgumentException("the upstream set needs at least one training and one held-out image, got "
                    + trainImages + " and " + valImages);
        }
        this.train = new SceneSet(GENERATOR, seed, "train", trainImages, Look.STANDARD);
        this.val = new SceneSet(GENERATOR, seed, "val", valImages, Look.STANDARD);
        this.folder = parent.resolve("upstream-v" + EmbeddedBenchmark.VERSION + "-seed" + seed + "-" + trainImages
                + "-" + valImages);
    }

    /** @return the task descriptor of the upstream set (32 classes) */
    public static BuiltInTask task() {
        return GENERATOR.task();
    }

    /** @return the folder holding the images and lists */
    public Path folder() {
        return folder;
    }

    /**
     * Generates the set unless a complete one is there.
     *
     * @param threads generation threads
     * @return this set
     */
    public UpstreamData ensure(int threads) {
        String stamp = "peft4j upstream v" + EmbeddedBenchmark.VERSION + " seed " + train.seed() + " train "
                + train.size() + " val " + val.size();
        GeneratedFolder.ensure(folder, stamp, dir -> {
            Files.writeString(dir.resolve("train.csv"), train.list(0, train.size(), ","));
            Files.writeString(dir.resolve("val.csv"), val.list(0, val.size(), ","));
            ParallelWriter.write(List.of(new ParallelWriter.Placement(train, dir), new ParallelWriter.Placement(val, dir)),
                    threads);
        });
        return this;
    }

    /** @return the training split */
    public DataSplit trainSplit() {
        return CsvDataset.read(folder.resolve("train.csv"), folder, task().classes());
    }

    /** @return the held-out split */
    public DataSplit valSplit() {
        return CsvDataset.read(folder.resolve("val.csv"), folder, task().classes());
    }
}
