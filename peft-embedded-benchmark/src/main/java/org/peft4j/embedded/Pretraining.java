package org.peft4j.embedded;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftMethod;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.ContentHash;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.Trainer;
import org.peft4j.runtime.train.TrainingListener;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Pretrains the built-in benchmark's backbone: full training of a fresh {@code vit-micro} on the
 * {@link UpstreamData} set (AdamW, linear warm-up then cosine decay per epoch, horizontal flips,
 * pixels scaled to [−1, 1]),
 * then saves the base weights with timm names. With the same settings, thread count and machine
 * the run is repeatable; an interrupted run resumes from its epoch checkpoint in the work folder.
 */
public final class Pretraining {

    /** Full training: every base parameter is trainable. */
    private static final PeftMethod FULL = host -> host.train(ParameterSelector.all());

    /**
     * Settings of a pretraining run.
     *
     * @param seed seed of the upstream images, the initialisation and the shuffling
     * @param trainImages upstream training images
     * @param valImages upstream held-out images
     * @param epochs epochs
     * @param batch batch size
     * @param lr peak learning rate
     * @param weightDecay decoupled weight decay
     * @param warmupEpochs linear warm-up epochs
     * @param dropPath drop path rate of the last block
     * @param threads image generation and decoding threads
     */
    public record Settings(long seed, int trainImages, int valImages, int epochs, int batch, double lr,
            double weightDecay, int warmupEpochs, float dropPath, int threads) {

        /** @return the settings of the shipped checkpoint */
        public static Settings shipped() {
            return new Settings(0, 32_000, 2_000, 9, 64, 5e-4, 0.05, 1, 0f, 2);
        }

        /** @return the training recipe: no gradient accumulation, evaluation every quarter of the run */
        TrainingRecipe recipe() {
            return new TrainingRecipe(epochs, batch, batch, lr, weightDecay, warmupEpochs, 1e-6, 1e-5, dropPath,
                    Math.max(1, epochs / 4), seed, false);
        }
    }

    /**
     * What a run produced.
     *
     * @param checkpoint the saved weights
     * @param sha256 their SHA-256
     * @param upstreamAccuracy top-1 accuracy on the upstream held-out images, in percent
     * @param seconds wall time of the training
     */
    public record Outcome(Path checkpoint, String sha256, double upstreamAccuracy, double seconds) {}

    private Pretraining() {}

    /**
     * Generates the upstream set (if needed), trains and saves the checkpoint.
     *
     * @param settings the run
     * @param workDir where the upstream images, their decoded cache and the resume state go
     * @param output the safetensors file to write
     * @param progress whether to show a progress bar on stderr
     * @return the outcome
     * @throws IllegalStateException if training diverges
     */
    public static Outcome run(Settings settings, Path workDir, Path output, boolean progress) {
        UpstreamData data = new UpstreamData(workDir, settings.seed(), settings.trainImages(), settings.valImages())
                .ensure(settings.threads());
        ImageCache.Options cache = ImageCache.Options.defaults().withDirectory(data.folder().resolve(".cache"))
                .withThreads(settings.threads());
        int classes = UpstreamData.task().classes();
        Augmentation flips = new Augmentation(false, 1, 1, true, false);
        TrainingRecipe recipe = settings.recipe();
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (CachedBatchSource train = new CachedBatchSource(
                        ImageCache.load(data.trainSplit(), ImageTransform.stretch(Raster.SIZE), cache), classes,
                        EmbeddedBenchmark.NORMALIZATION, flips);
                CachedBatchSource val = new CachedBatchSource(
                        ImageCache.load(data.valSplit(), ImageTransform.stretch(Raster.SIZE), cache), classes,
                        EmbeddedBenchmark.NORMALIZATION, Augmentation.NONE);
                VisionTransformer vit = VisionTransformer.create(
                        VitConfig.preset(EmbeddedBenchmark.MODEL_PRESET, classes), Device.cpu())) {
            PeftModel model = PeftModel.attach(vit, FULL, false);
            TrainingListener listener = progress
                    ? new ProgressBar("pretraining " + EmbeddedBenchmark.MODEL_PRESET, settings.epochs())
                    : new TrainingListener() {};
            TrainingResult result = new Trainer(recipe, listener).fit(model, train, val, stateDir(workDir, settings));
            if (result.status() != TrainingResult.Status.OK) {
                throw new IllegalStateException("pretraining stopped: " + result.message()
                        + "; lower the learning rate (--lr)");
            }
            double accuracy = result.finalEval().accuracy();
            Checkpoints.save(vit, output, metadata(settings, accuracy));
            return new Outcome(output, Sha256.ofFile(output), accuracy, result.trainSeconds());
        }
    }

    /** The resume state of one settings combination, so that other settings never meet it. */
    private static Path stateDir(Path workDir, Settings settings) {
        return workDir.resolve("pretrain-state-" + ContentHash.sha256(settings.toString()).substring(0, 12));
    }

    private static Map<String, String> metadata(Settings s, double accuracy) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", EmbeddedBenchmark.MODEL_PRESET);
        m.put("upstream", "peft4j synthetic upstream v" + EmbeddedBenchmark.VERSION + ": " + UpstreamData.task().description());
        m.put("upstream_classes", String.valueOf(UpstreamData.task().classes()));
        m.put("settings", s.toString());
        m.put("upstream_val_accuracy", String.format(Locale.ROOT, "%.2f", accuracy));
        return m;
    }
}
