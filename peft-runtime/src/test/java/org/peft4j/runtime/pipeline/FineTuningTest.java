package org.peft4j.runtime.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.TestPlugins;
import org.peft4j.runtime.train.TrainingListener;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The pipeline on a real task folder (dark versus bright images), the real vit-micro and a real
 * method found by the registry in a plugin JAR: it trains, evaluates, saves the random base and
 * resumes; the head is loaded from a fitting checkpoint unless a fresh one is asked for.
 */
class FineTuningTest {

    @TempDir
    static Path dir;

    private static Path task;
    private static MethodRegistry registry;

    @BeforeAll
    static void taskAndPlugin() throws Exception {
        task = writeTask(dir.resolve("bright"), 32, 16);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path classes = TestPlugins.compile(dir.resolve("work"), List.of(TestPlugins.gain("test.gain", "gain")));
        TestPlugins.jar(plugins.resolve("gain.jar"), classes, "test.gain", "test.gain.GainProvider");
        registry = MethodRegistry.discover(plugins);
    }

    private static FineTuning.Builder pipeline(Path out) {
        return FineTuning.builder()
                .task(TaskSplits.validated(task, null, "train800", "val200"), Normalization.NONE,
                        ImageCache.Options.defaults().withDirectory(out.resolve("cache")).withThreads(1))
                .backbone(VitConfig.preset("vit-micro", 1), null)
                .method(registry, "gain", Map.of("tune_norm", "true"))
                .recipe(TrainingRecipe.study(3e-3, 1e-4).withEpochs(3, 1).withBatch(8, 8).withDropPath(0f))
                .checkpointDir(out.resolve("checkpoint"));
    }

    @Test
    void trainsAPluginMethodOnATaskFolderAndResumes() {
        Path out = dir.resolve("run");
        List<String> stages = new ArrayList<>();
        FineTuningObserver observer = new FineTuningObserver() {
            @Override
            public void backboneReady(Backbones.Base backbone) {
                stages.add("backbone " + backbone.vit().config().numClasses() + " classes");
            }

            @Override
            public void attached(PeftModel model) {
                stages.add("attached " + model.vit().insertedParameters());
            }
        };
        TrainingResult first;
        try (FineTuned run = pipeline(out).saveRandomBase(out.resolve("base.safetensors")).observer(observer)
                .listener(data -> {
                    stages.add("train on " + data.name() + ", " + data.train().size() + " images");
                    return new TrainingListener() { };
                }).build().run()) {
            first = run.training();
            assertTrue(run.ok(), first.message());
            assertEquals(List.of("backbone 2 classes", "attached " + 3 * 96, "train on bright, 32 images"), stages);
            assertEquals(3, first.history().size());
            assertEquals(16, first.finalEval().size());
            assertEquals(out.resolve("base.safetensors"), run.baseFile());
            assertEquals(Sha256.ofFile(run.baseFile()), run.baseSha256());
            assertEquals(null, run.backbone().checkpoint(), "the backbone itself is random");
            Path adapter = run.saveAdapter(out.resolve("adapter.safetensors"));
            assertEquals("gain", AdapterFiles.readMetadata(adapter).method());
            assertEquals("true", AdapterFiles.readMetadata(adapter).hyperparameters().get("tune_norm"));
        }
        try (FineTuned again = pipeline(out).build().run()) {
            assertEquals(FineTuned.RANDOM_BASE, again.baseSha256(), "a random base that was not saved");
            assertEquals(losses(first), losses(again.training()), "resumed from the finished epoch checkpoint");
            assertArrayEquals(first.finalEval().predictions(), again.training().finalEval().predictions());
        }
    }

    @Test
    void loadsAFittingHeadUnlessAFreshOneIsAsked() {
        Path out = dir.resolve("heads");
        Path base = out.resolve("base.safetensors");
        float[] saved = headOf(pipeline(out).saveRandomBase(base));
        VitConfig micro = VitConfig.preset("vit-micro", 1);
        assertArrayEquals(saved, headOf(pipeline(out.resolve("kept")).backbone(micro, base)));
        assertFalse(Arrays.equals(saved, headOf(pipeline(out.resolve("fresh")).backbone(micro, base).freshHead(true))));
    }

    private static List<Double> losses(TrainingResult result) {
        return result.history().stream().map(TrainingResult.EpochRecord::meanLoss).toList();
    }

    /** The head as the backbone was built, before any training. */
    private static float[] headOf(FineTuning.Builder builder) {
        float[][] head = new float[1][];
        FineTuningObserver stop = new FineTuningObserver() {
            @Override
            public void backboneReady(Backbones.Base backbone) {
                head[0] = backbone.vit().parameters().get("head.weight").array().toFloatArray();
                throw new IllegalStateException("seen");
            }
        };
        assertThrows(IllegalStateException.class, () -> builder.observer(stop).build().run());
        return head[0];
    }

    @Test
    void aBadHyperparameterIsOneSentenceBeforeAnyImageIsRead() {
        Path out = dir.resolve("bad");
        MethodSetupException e = assertThrows(MethodSetupException.class,
                () -> pipeline(out).method(registry, "gain", Map.of("init", "99")).build().run());
        assertTrue(e.getMessage().startsWith("method 'gain': "), e.getMessage());
        assertFalse(Files.exists(out.resolve("cache")), "no image was decoded");
    }

    /** Dark images of class 0 and bright ones of class 1, with noise. */
    private static Path writeTask(Path folder, int train, int val) throws IOException {
        Files.createDirectories(folder.resolve("images"));
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < train + val; i++) {
            int label = i % 2;
            BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    int v = Math.min(255, (label == 0 ? 40 : 180) + random.nextInt(60));
                    image.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            ImageIO.write(image, "png", folder.resolve("images/" + i + ".png").toFile());
            lines.add("images/" + i + ".png " + label + "\n");
        }
        Files.writeString(folder.resolve("train800.txt"), String.join("", lines.subList(0, train)));
        Files.writeString(folder.resolve("val200.txt"), String.join("", lines.subList(train, train + val)));
        return folder;
    }

    @Test
    void underReferenceCompatNonFiniteLossesAreSkippedAndCountedElseTheRunDiverges() {
        // a learning rate of 1e30 sends the weights towards infinity, so that after a step or two
        // every batch has a NaN or infinite loss
        TrainingRecipe explosive = TrainingRecipe.study(1e30, 0).withEpochs(2, 0).withBatch(8, 8).withDropPath(0f);
        Path out = dir.resolve("explosive");
        try (FineTuned compat = pipeline(out).recipe(explosive).checkpointDir(null).referenceCompat(true).build().run()) {
            TrainingResult r = compat.training();
            assertEquals(TrainingResult.Status.OK, r.status(), r.message());
            assertEquals(2, r.epochsDone());
            int steps = 2 * (32 / 8);
            assertTrue(r.skippedBatches() > 0 && r.skippedBatches() < steps,
                    "the first batch is finite, later ones are skipped: " + r.history());
            assertEquals(r.skippedBatches(), r.history().get(0).skippedBatches() + r.history().get(1).skippedBatches());
        }
        try (FineTuned plain = pipeline(out).recipe(explosive).checkpointDir(null).build().run()) {
            assertEquals(TrainingResult.Status.DIVERGED, plain.training().status());
            assertEquals(0, plain.training().skippedBatches());
        }
    }
}
