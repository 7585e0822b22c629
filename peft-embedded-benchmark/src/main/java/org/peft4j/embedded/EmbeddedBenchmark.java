package org.peft4j.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.io.Sha256;

/**
 * The built-in benchmark: six procedurally generated 32 × 32 tasks in the VTAB-1K layout (two per
 * VTAB group) and a {@code vit-micro} backbone pretrained on a separate synthetic upstream task,
 * shipped inside the JAR. Nothing is downloaded: the images are generated on first use into a
 * cache folder, identically on every machine, and the checkpoint is extracted next to them.
 *
 * <p>Layout of the cache folder (default {@code ~/.cache/peft4j/embedded-v2}, or the system
 * property {@code peft4j.embedded.dir}):
 * <pre>
 * data/COMPLETE                          marker, written last: version, seed, SHA-256 of every list
 * data/tasks/&lt;task&gt;/images/{train,test,test_shifted}/NNNNN.png
 * data/tasks/&lt;task&gt;/{train800,val200,train800val200,test,test_shifted}.txt
 * vit-micro-pretrained.safetensors
 * </pre>
 * Read a task with {@code VtabDataset.open(dataRoot().resolve(task.name()), task.classes())}; its
 * split {@value #SHIFTED_TEST} holds the test scenes under a shifted appearance. Images are used
 * as they are: {@link #transform()} (stretch to
 * 32, the identity) with {@link #normalization()} ({@code INCEPTION}, pixels in [−1, 1], as in
 * pretraining; unlike the processed VTAB-1K, which keeps [0, 1]).
 */
public final class EmbeddedBenchmark {

    /** Generator version: changing any generator's output must increment it. */
    public static final int VERSION = 2;

    /** Seed of every generated image. */
    public static final long SEED = 20_240_916L;

    /** Images of the union split (the first 800 are {@code train800}, the last 200 {@code val200}). */
    public static final int TRAIN_IMAGES = 1000;

    /** Images of {@code train800}. */
    public static final int TRAIN800 = 800;

    /** Images of the test split and of the shifted test split. */
    public static final int TEST_IMAGES = 1000;

    /** The backbone preset. */
    public static final String MODEL_PRESET = "vit-micro";

    /** SHA-256 of the shipped backbone checkpoint (see docs/embedded-benchmark.md). */
    public static final String CHECKPOINT_SHA256 = "20002eae00efc4e9ccb2880faec3bdf586864204c311302f28c2a9c2f9e98e1e";

    /** Name of the shipped checkpoint, as a class-path resource beside this class and in the cache folder. */
    public static final String CHECKPOINT_FILE = "vit-micro-pretrained.safetensors";

    /** Pixel normalisation of pretraining, to be used downstream too: [0, 1] mapped to [−1, 1]. */
    public static final Normalization NORMALIZATION = Normalization.INCEPTION;

    /** The split of every task with the test scenes drawn under a shifted appearance. */
    public static final String SHIFTED_TEST = "test_shifted";

    /** The system property that overrides the default cache folder. */
    public static final String CACHE_PROPERTY = "peft4j.embedded.dir";

    private static final List<SceneGenerator> GENERATORS = List.of(new ShapesTask(), new TexturesTask(),
            new GratingsTask(), new LesionsTask(), new CountingTask(), new OrientationTask());

    private final Path cacheDir;
    private final int threads;

    /**
     * A benchmark cached in the given folder.
     *
     * @param cacheDir where the images and the checkpoint go
     * @param threads threads that generate images on first use
     */
    public EmbeddedBenchmark(Path cacheDir, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("generation threads must be at least 1, got " + threads);
        }
        this.cacheDir = cacheDir.toAbsolutePath();
        this.threads = threads;
    }

    /**
     * The benchmark in its default cache folder, generating with one thread per core.
     *
     * @return the benchmark
     */
    public static EmbeddedBenchmark atDefaultLocation() {
        return new EmbeddedBenchmark(defaultCacheDir(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The default cache folder: the system property {@value #CACHE_PROPERTY} if set, else
     * {@code ~/.cache/peft4j/embedded-v}{@value #VERSION}.
     *
     * @return the folder
     */
    public static Path defaultCacheDir() {
        String override = System.getProperty(CACHE_PROPERTY);
        return override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "peft4j", "embedded-v" + VERSION);
    }

    /** @return the cache folder */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return the six tasks, natural first, then specialized, then structured */
    public List<BuiltInTask> tasks() {
        return GENERATORS.stream().map(SceneGenerator::task).toList();
    }

    /**
     * The task with a name.
     *
     * @param name a task name
     * @return its descriptor
     */
    public BuiltInTask task(String name) {
        return tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown built-in task '" + name + "'; expected one of "
                        + tasks().stream().map(BuiltInTask::name).toList()));
    }

    /**
     * The folder holding one VTAB-1K task folder per task, generated first if it is missing or
     * incomplete.
     *
     * @return {@code <cacheDir>/data/tasks}
     */
    public Path dataRoot() {
        ensureData();
        return dataFolder().resolve("tasks");
    }

    /** @return {@value #MODEL_PRESET}, the preset the checkpoint fits */
    public String modelPreset() {
        return MODEL_PRESET;
    }

    /** @return the cached transform: stretch to 32 pixels, which leaves the 32-pixel images as they are */
    public ImageTransform transform() {
        return ImageTransform.stretch(Raster.SIZE);
    }

    /**
     * The pixel normalisation the backbone was pretrained with, which every run on these tasks
     * must use: {@link Normalization#INCEPTION}, pixels (x − 0.5) / 0.5 in [−1, 1]. (Centred
     * inputs let the from-scratch pretraining leave its initial plateau several times sooner than
     * [0, 1] pixels.)
     *
     * @return {@link #NORMALIZATION}
     */
    public Normalization normalization() {
        return NORMALIZATION;
    }

    /**
     * The pretrained backbone, extracted from the JAR to the cache folder when missing or changed.
     *
     * @return the safetensors file (timm names, 32-class upstream head)
     * @throws IllegalStateException if the shipped resource is missing or its SHA-256 is not
     *     {@link #CHECKPOINT_SHA256}
     */
    public Path checkpoint() {
        Path file = cacheDir.resolve(CHECKPOINT_FILE);
        if (Files.isRegularFile(file) && Sha256.ofFile(file).equals(CHECKPOINT_SHA256)) {
            return file;
        }
        try (InputStream in = EmbeddedBenchmark.class.getResourceAsStream(CHECKPOINT_FILE)) {
            if (in == null) {
                throw new IllegalStateException("the class-path resource org/peft4j/embedded/" + CHECKPOINT_FILE
                        + " is missing; rebuild peft-eval or regenerate it with `peft pretrain`");
            }
            AtomicFiles.write(file, in::transferTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the built-in checkpoint to " + file + ": " + e.getMessage(), e);
        }
        String sha = Sha256.ofFile(file);
        if (!sha.equals(CHECKPOINT_SHA256)) {
            throw new IllegalStateException("the shipped checkpoint " + CHECKPOINT_FILE + " has SHA-256 " + sha
                    + ", expected " + CHECKPOINT_SHA256 + "; update EmbeddedBenchmark.CHECKPOINT_SHA256 and "
                    + "docs/embedded-benchmark.md together with the resource");
        }
        return file;
    }

    /** @return {@link #CHECKPOINT_SHA256} */
    public String checkpointSha256() {
        return CHECKPOINT_SHA256;
    }

    /**
     * The one-line stamp of the generated data: version, seed and sizes.
     *
     * @return the stamp
     */
    public static String stamp() {
        return "peft4j embedded benchmark v" + VERSION + " seed " + SEED + " train " + TRAIN_IMAGES + " test "
                + TEST_IMAGES;
    }

    private Path dataFolder() {
        return cacheDir.resolve("data");
    }

    private void ensureData() {
        GeneratedFolder.ensure(dataFolder(), stamp(), this::generate);
    }

    private void generate(Path folder) throws IOException {
        List<ParallelWriter.Placement> placements = new ArrayList<>();
        for (SceneGenerator g : GENERATORS) {
            Path task = folder.resolve("tasks").resolve(g.task().name());
            SceneSet train = new SceneSet(g, SEED, "train", TRAIN_IMAGES, Look.STANDARD);
            SceneSet test = new SceneSet(g, SEED, "test", TEST_IMAGES, Look.STANDARD);
            SceneSet shiftedTest = new SceneSet(g, SEED, "test", TEST_IMAGES, Look.SHIFTED);
            placements.add(new ParallelWriter.Placement(train, task));
            placements.add(new ParallelWriter.Placement(test, task));
            placements.add(new ParallelWriter.Placement(shiftedTest, task));
            Files.createDirectories(task);
            Files.writeString(task.resolve("train800.txt"), train.list(0, TRAIN800, " "));
            Files.writeString(task.resolve("val200.txt"), train.list(TRAIN800, TRAIN_IMAGES, " "));
            Files.writeString(task.resolve("train800val200.txt"), train.list(0, TRAIN_IMAGES, " "));
            Files.writeString(task.resolve("test.txt"), test.list(0, TEST_IMAGES, " "));
            Files.writeString(task.resolve(SHIFTED_TEST + ".txt"), shiftedTest.list(0, TEST_IMAGES, " "));
        }
        ParallelWriter.write(placements, threads);
    }
}
