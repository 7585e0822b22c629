package org.peft4j.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.pipeline.FineTuning;
import org.peft4j.runtime.train.ResumeMismatch;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.pipeline.TaskSplits;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.EvalResult;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.TrainingListener;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.VitConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft train}: one method on one task, then evaluation, the adapter file and a JSON summary. */
@Command(name = "train", sortOptions = false,
        description = {"Train one method on one VTAB-1K task; save the adapter and a summary.",
                "The task folder holds the list files train800.txt, val200.txt, train800val200.txt and test.txt. "
                + "Training follows the study's recipe (AdamW, warm-up then cosine, drop path); "
                + "then the model is evaluated and --output receives: adapter.safetensors (the trained tensors, for 'peft predict' "
                + "and 'peft merge'), summary.json, base.safetensors when the backbone is randomly initialised, and "
                + "an epoch checkpoint from which re-running the same command resumes.",
                "Every bad line of both list files is reported before training starts."},
        footer = {"", "Examples:",
                "  peft train --data data/vtab-1k/dtd --checkpoint vit_b16.npz --method lora --set rank=8 --output runs/dtd-lora",
                "  peft train --data data/vtab-1k/dtd --checkpoint vit_b16.npz --method bitfit --lr 1e-3 --wd 1e-4 "
                        + "--train-split train800 --eval-split val200 --output runs/dtd-bitfit",
                "  peft train --data tiny-task --model vit-tiny --method lora --epochs 2 --batch 4 --output runs/tiny"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "VTAB-1K task folder")
    Path data;

    @Option(names = "--train-split", defaultValue = "train800val200", paramLabel = "NAME",
            description = "Split to train on: train800, val200, train800val200 or test (default: ${DEFAULT-VALUE})")
    String trainSplit;

    @Option(names = "--eval-split", defaultValue = "test", paramLabel = "NAME",
            description = "Split to evaluate on after training, or 'none' (default: ${DEFAULT-VALUE})")
    String evalSplit;

    @Option(names = "--classes", paramLabel = "N", description = "Number of classes (default: the largest label in the list files + 1)")
    Integer classes;

    @Option(names = "--model", paramLabel = "PRESET",
            description = "Backbone preset (docs/backbones.md): vit-b16, vit-s16, vit-l16, vit-b32, vit-b16-384, "
                    + "dinov2-s14, dinov2-b14, dinov2-l14, dinov2-b14-reg4, clip-b16, clip-l14, mae-b16; test-sized "
                    + "vit-micro, vit-tiny, dinov2-micro, clip-micro (default: model, vit-b16)")
    String model;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Pretrained weights: .safetensors with timm or transformers names, Google's .npz, or "
                    + "hf-hub:ORG/NAME[@REV] from the local Hugging Face cache (default: checkpoint; "
                    + "none = random initialisation, saved as base.safetensors)")
    Path checkpoint;

    @Option(names = "--method", paramLabel = "NAME", required = true, description = "Method name (see 'peft methods')")
    String method;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A hyperparameter of the method (repeatable), e.g. rank=8")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: train.epochs, 100)")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Examples per optimizer step (default: train.batch_size, 64)")
    Integer batch;

    @Option(names = "--micro-batch", paramLabel = "N", description = "Examples per forward/backward, to save memory; must divide --batch "
            + "(default: the batch size)")
    Integer microBatch;

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (default: the first of train.lr_grid, 1e-3)")
    Double lr;

    @Option(names = "--wd", paramLabel = "WD", description = "Weight decay (default: the first of train.wd_grid, 1e-4)")
    Double wd;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of initialisation, shuffling and drop path (default: train.seed, 42)")
    Long seed;

    @Option(names = "--drop-path", paramLabel = "RATE", description = "Drop path rate of the last block (default: train.drop_path, 0.1)")
    Double dropPath;

    @Option(names = "--reference-compat",
            description = "Reproduce the reference code's quirks (see docs/differences.md)")
    boolean referenceCompat;

    @Option(names = "--normalization", paramLabel = "NAME",
            description = "Pixel normalisation: none ([0, 1], as processed VTAB-1K), imagenet, inception, clip, or "
                    + "pretrained (the model's own, see docs/backbones.md) (default: none)")
    String normalization;

    @Option(names = "--restart-on-mismatch",
            description = "When --output holds an epoch checkpoint of a different run (other data, weights, settings "
                    + "or code), move it aside and train from the start (default: refuse, naming what differs)")
    boolean restartOnMismatch;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the adapter and the summary")
    Path output;

    @Mixin
    ImageSizeOption imageSize;

    @Mixin
    DeviceOptions device;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        PeftConfig settings = config.load(device.addTo(new ConfigOptions.Overrides()
                .set(Settings.MODEL, model).set(Settings.CHECKPOINT, checkpoint).set(Settings.EPOCHS, epochs)
                .set(Settings.BATCH_SIZE, batch).set(Settings.SEED, seed).set(Settings.DROP_PATH, dropPath)
                .set(Settings.REFERENCE_COMPAT, referenceCompat ? true : null)));
        TrainingRecipe recipe = recipe(settings);
        Device target = EngineSetup.start(settings);
        VitConfig architecture = imageSize.applyTo(VitConfig.preset(settings.get(Settings.MODEL), 1));
        Normalization pixels = NormalizationChoice.resolve(normalization, architecture, Normalization.NONE);
        try (MethodRegistry registry = MethodRegistry.discover(settings.get(Settings.PLUGINS_DIR))) {
            MethodInstance instance = MethodSetup.create(registry, method, hyperparameters);
            TaskSplits splits = TaskSplits.validated(data, classes, trainSplit, evalSplit.equals("none") ? null : evalSplit);
            requireOneBatch(splits, recipe);
            createFolder(output);
            try (FineTuned run = FineTuning.builder()
                    .task(splits, pixels, ImageCache.Options.defaults())
                    .backbone(architecture, settings.get(Settings.CHECKPOINT).orElse(null))
                    .saveRandomBase(output.resolve("base.safetensors"))
                    .device(target)
                    .method(registry, instance)
                    .referenceCompat(recipe.referenceSchedule())
                    .recipe(recipe)
                    .checkpointDir(output.resolve("checkpoint"))
                    .onMismatch(restartOnMismatch ? ResumeMismatch.RESTART : ResumeMismatch.REFUSE)
                    .listener(opened -> listener(instance, splits, recipe))
                    .build().run()) {
                Path adapter = run.ok() ? run.saveAdapter(output.resolve("adapter.safetensors")) : null;
                new TrainSummary(run, splits, recipe, settings).outcome(run.training(), adapter)
                        .write(output.resolve("summary.json"));
                if (adapter == null) {
                    throw new CommandException(run.training().message() + "; try a lower --lr (summary in "
                            + output.resolve("summary.json") + ")");
                }
                report(instance, splits, run.training(), adapter);
            }
        }
        return 0;
    }

    private TrainingRecipe recipe(PeftConfig settings) {
        int n = settings.get(Settings.EPOCHS);
        int warmup = Settings.warmupEpochs(settings, n);
        int perStep = settings.get(Settings.BATCH_SIZE);
        return new TrainingRecipe(n, perStep, microBatch == null ? perStep : microBatch,
                lr != null ? lr : settings.get(Settings.LR_GRID).get(0),
                wd != null ? wd : settings.get(Settings.WD_GRID).get(0),
                warmup, settings.get(Settings.WARMUP_LR), settings.get(Settings.MIN_LR),
                settings.get(Settings.DROP_PATH).floatValue(), n, settings.get(Settings.SEED),
                settings.get(Settings.REFERENCE_COMPAT));
    }

    private static void requireOneBatch(TaskSplits split, TrainingRecipe recipe) {
        if (recipe.dropLastSteps(split.train().size()) == 0) {
            throw new CommandException("the training split '" + split.train().name() + "' of " + split.folder()
                    + " has " + split.train().size() + " images, fewer than one batch of " + recipe.batchSize()
                    + " (the last incomplete batch is dropped); lower --batch");
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private TrainingListener listener(MethodInstance instance, TaskSplits split, TrainingRecipe recipe) {
        if (PeftCommand.of(spec.commandLine()).quiet()) {
            return new TrainingListener() { };
        }
        return new ProgressBar(instance.name() + " on " + split.name(), recipe.epochs());
    }

    private void report(MethodInstance instance, TaskSplits split, TrainingResult result, Path adapter) {
        PrintWriter out = spec.commandLine().getOut();
        EvalResult eval = result.finalEval();
        out.println(instance.name() + " on " + split.name() + ": "
                + (eval == null ? "trained" : String.format(Locale.ROOT, "%s accuracy %.2f%% (%d images)",
                        split.eval().name(), eval.accuracy(), eval.size()))
                + String.format(Locale.ROOT, ", %d epochs in %.1f s", result.epochsDone(), result.trainSeconds()));
        out.println("adapter  " + adapter);
        out.println("summary  " + output.resolve("summary.json"));
        out.flush();
    }
}
