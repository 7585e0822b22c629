package org.peft4j.examples.programmatic;

import ai.djl.Device;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peft4j.runtime.PeftRuntimeModule;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.pipeline.FineTuning;
import org.peft4j.runtime.pipeline.TrainingData;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Fine-tunes a ViT with LoRA on an in-memory data set through the Java API: a Guice injector built
 * from {@link PeftRuntimeModule} provides the configuration, the method registry and the device;
 * the {@link FineTuning} pipeline builds the backbone (random, or the configured checkpoint),
 * creates and attaches the method by name and trains it with the study's training loop; the
 * result is saved as an adapter file next to its base weights.
 */
public final class FineTune {

    /**
     * What a run produced.
     *
     * @param result the training result (loss per epoch, final evaluation)
     * @param base the base weights the adapter belongs to
     * @param adapter the adapter file
     */
    public record Outcome(TrainingResult result, Path base, Path adapter) {}

    private FineTune() {}

    /**
     * Runs the example.
     *
     * @param args the output folder (default {@code programmatic-run}), the number of epochs
     *     (default 10), then any {@code key=value} settings, e.g. {@code model=vit-s16}
     * @throws IOException if the output folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "programmatic-run");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> settings = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        Outcome outcome = run(out, epochs, settings);
        System.out.printf(Locale.ROOT, "lora on stripes: accuracy %.1f%% after %d epochs; adapter %s (base %s)%n",
                outcome.result().finalEval().accuracy(), outcome.result().epochsDone(), outcome.adapter(), outcome.base());
    }

    /**
     * Trains LoRA (rank 4) on 64 training images and evaluates it on 32 others.
     *
     * @param out folder for the base weights and the adapter
     * @param epochs training epochs
     * @param settings {@code key=value} settings over peft4j's defaults (model vit-tiny here)
     * @return what was produced
     * @throws IOException if the output folder cannot be created
     */
    public static Outcome run(Path out, int epochs, List<String> settings) throws IOException {
        List<String> overrides = new ArrayList<>(List.of("model=vit-tiny"));
        overrides.addAll(settings);
        Injector injector = Guice.createInjector(new PeftRuntimeModule(PeftConfig.load(overrides)));
        PeftConfig config = injector.getInstance(PeftConfig.class);
        long seed = config.get(Settings.SEED);
        VitConfig architecture = VitConfig.preset(config.get(Settings.MODEL), 2);
        TrainingData stripes = new TrainingData("stripes", 2, new StripesDataset(64, architecture.imageSize(), seed),
                new StripesDataset(32, architecture.imageSize(), seed + 1));
        Files.createDirectories(out);
        try (MethodRegistry methods = injector.getInstance(MethodRegistry.class);
                FineTuned run = FineTuning.builder()
                        .data(stripes)
                        .backbone(architecture, config.get(Settings.CHECKPOINT).orElse(null))
                        .saveRandomBase(out.resolve("base.safetensors"))
                        .device(injector.getInstance(Device.class))
                        .method(methods, "lora", Map.of("rank", "4"))
                        .referenceCompat(config.get(Settings.REFERENCE_COMPAT))
                        .recipe(new TrainingRecipe(epochs, 16, 16, 1e-2, 1e-4, 1, 1e-6, 1e-5, 0f, epochs, seed, false))
                        .listener(data -> new ProgressBar("lora on stripes", epochs))
                        .build().run()) {
            return new Outcome(run.training(), run.baseFile(), run.saveAdapter(out.resolve("adapter.safetensors")));
        }
    }
}
