package org.peft4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.peft4j.embedded.EmbeddedBenchmark;
import org.peft4j.embedded.Pretraining;
import org.peft4j.embedded.UpstreamData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peft pretrain}: pretrains the built-in benchmark's backbone on the synthetic upstream set. */
@Command(name = "pretrain",
        description = "Pretrain the vit-micro backbone of the built-in benchmark from scratch on a synthetic upstream "
                + "set (32 classes of shape x fill, none of them a downstream task), then write a timm-named "
                + "safetensors checkpoint and print its SHA-256. The defaults with --threads 2 reproduce the shipped checkpoint.",
        footer = {"", "Examples:",
                "  peft pretrain --threads 2 --output vit-micro-pretrained.safetensors",
                "  (the shipped checkpoint; see docs/embedded-benchmark.md)"})
final class PretrainCommand implements Callable<Integer> {

    private static final Pretraining.Settings SHIPPED = Pretraining.Settings.shipped();

    @Option(names = "--output", paramLabel = "FILE", defaultValue = EmbeddedBenchmark.CHECKPOINT_FILE,
            description = "Checkpoint to write (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--work", description = "Folder for the upstream images, their decoded cache and the resume "
            + "state (default: ~/.cache/peft4j/pretrain)")
    Path work;

    @Option(names = "--seed", description = "Seed of the images, initialisation and shuffling (default: 0)")
    long seed = SHIPPED.seed();

    @Option(names = "--images", description = "Upstream training images (default: 32000)")
    int images = SHIPPED.trainImages();

    @Option(names = "--val-images", description = "Upstream held-out images (default: 2000)")
    int valImages = SHIPPED.valImages();

    @Option(names = "--epochs", description = "Epochs (default: 9)")
    int epochs = SHIPPED.epochs();

    @Option(names = "--batch", description = "Batch size (default: 64)")
    int batch = SHIPPED.batch();

    @Option(names = "--lr", description = "Peak learning rate (default: 5e-4)")
    double lr = SHIPPED.lr();

    @Option(names = "--wd", paramLabel = "WD", description = "Weight decay (default: 0.05)")
    double weightDecay = SHIPPED.weightDecay();

    @Option(names = "--warmup", description = "Warm-up epochs (default: 1)")
    int warmup = SHIPPED.warmupEpochs();

    @Option(names = "--drop-path", description = "Drop path rate (default: 0)")
    float dropPath = SHIPPED.dropPath();

    /** The result is repeatable for a fixed count; the shipped checkpoint was made with 2. */
    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        int count = threads.count();
        EngineSetup.threads(count);
        Path workDir = work != null ? work : Path.of(System.getProperty("user.home"), ".cache", "peft4j", "pretrain");
        Pretraining.Settings settings = new Pretraining.Settings(seed, images, valImages, epochs, batch, lr,
                weightDecay, warmup, dropPath, count);
        Pretraining.Outcome outcome = Pretraining.run(settings, workDir, output, true);
        System.out.printf(Locale.ROOT, "wrote %s%nupstream held-out accuracy %.2f%% (%d classes, %d images)%n"
                        + "training time %.0f s%nsha256 %s%n", outcome.checkpoint(), outcome.upstreamAccuracy(),
                UpstreamData.task().classes(), valImages, outcome.seconds(), outcome.sha256());
        return 0;
    }
}
