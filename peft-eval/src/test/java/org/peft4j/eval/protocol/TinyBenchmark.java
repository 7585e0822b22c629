package org.peft4j.eval.protocol;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A tiny benchmark for the protocol tests: VTAB-1K-layout task folders of real 16 × 16 PNGs
 * whose dominant colour is the class, a 2-block ViT of width 32 and its random "pretrained"
 * checkpoint.
 */
public final class TinyBenchmark {

    /** The test backbone: 16 px images, 8 px patches, width 32, 2 blocks, 2 heads. */
    public static final VitConfig MODEL = new VitConfig("tiny-test", 16, 8, 32, 2, 2, 2, 1, 0f);

    /** Training examples per class in train800, val200 and test. */
    static final int TRAIN_PER_CLASS = 8;
    /** Validation examples per class. */
    static final int VAL_PER_CLASS = 4;
    /** Test examples per class. */
    static final int TEST_PER_CLASS = 4;

    private TinyBenchmark() {}

    /**
     * Writes a task folder.
     *
     * @param root the data root
     * @param name the task's folder name
     * @param classes number of classes
     * @param seed seed of the pixel noise
     * @return the task folder
     */
    public static Path writeTask(Path root, String name, int classes, long seed) {
        Path dir = root.resolve(name);
        Random random = new Random(seed);
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        List<String> test = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("images"));
            int n = 0;
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < TRAIN_PER_CLASS + VAL_PER_CLASS + TEST_PER_CLASS; i++, n++) {
                    String path = "images/" + n + ".png";
                    ImageIO.write(image(c, random), "png", dir.resolve(path).toFile());
                    List<String> list = i < TRAIN_PER_CLASS ? train : i < TRAIN_PER_CLASS + VAL_PER_CLASS ? val : test;
                    list.add(path + " " + c);
                }
            }
            Files.write(dir.resolve("train800.txt"), train);
            Files.write(dir.resolve("val200.txt"), val);
            List<String> both = new ArrayList<>(train);
            both.addAll(val);
            Files.write(dir.resolve("train800val200.txt"), both);
            Files.write(dir.resolve("test.txt"), test);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static BufferedImage image(int label, Random random) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int[] rgb = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    rgb[ch] = Math.min(255, random.nextInt(140) + (ch == label % 3 ? 110 : 0));
                }
                img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        return img;
    }

    /**
     * Writes the "pretrained" weights of {@link #MODEL}: a seeded random initialisation.
     *
     * @param file the safetensors file
     * @return the file
     */
    public static Path writeCheckpoint(Path file) {
        Engine.getInstance().setRandomSeed(1234);
        try (VisionTransformer vit = VisionTransformer.create(MODEL.withClasses(5), Device.cpu())) {
            Checkpoints.save(vit, file, Map.of());
        }
        return file;
    }

    /**
     * The usual small comparison of the process tests: task {@code alpha} (3 classes) written to
     * {@code dir/data}, the base checkpoint to {@code dir/base.safetensors}.
     *
     * @param dir the test folder
     * @param methods method names of {@link TestMethods#registry()}
     * @param epochs epochs
     * @param seeds final seeds
     * @return the spec
     */
    public static ComparisonSpec alphaComparison(Path dir, List<String> methods, int epochs, int seeds) {
        Path data = dir.resolve("data");
        writeTask(data, "alpha", 3, 1);
        return spec(data, writeCheckpoint(dir.resolve("base.safetensors")), List.of("alpha"), methods, epochs, seeds);
    }

    /**
     * A comparison on the tiny benchmark: batch 8, no warm-up, learning rates 1e-3 and 1e-2,
     * weight decay 1e-4, seed 42.
     *
     * @param root the data root
     * @param checkpoint the base weights
     * @param tasks task folders
     * @param methods method names of {@link TestMethods#registry()}
     * @param epochs epochs
     * @param seeds final seeds
     * @return the spec
     */
    public static ComparisonSpec spec(Path root, Path checkpoint, List<String> tasks, List<String> methods, int epochs,
            int seeds) {
        try (MethodRegistry registry = TestMethods.registry()) {
            List<MethodSpec> methodSpecs = methods.stream()
                    .map(m -> MethodGrids.resolve(registry.method(m), Map.of(), false)).toList();
            List<TaskSpec> taskSpecs = tasks.stream()
                    .map(t -> TaskCatalog.resolve(root, new BenchmarkTask(t, TaskCatalog.group(t)))).toList();
            return new ComparisonSpec(ComparisonSpec.FORMAT, "tiny", ProtocolKind.QUICK, MODEL,
                    new BaseCheckpoint(checkpoint.toAbsolutePath().toString(), CheckpointReader.sha256(checkpoint)),
                    root.toAbsolutePath().toString(), Normalization.NONE, taskSpecs, methodSpecs, List.of(1e-3, 1e-2),
                    List.of(1e-4), new RecipeSpec(epochs, 8, 8, 0, 1e-6, 1e-5, 0f), 42, seeds, false);
        }
    }
}
