package org.peft4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.peft4j.embedded.EmbeddedBenchmark;
import org.peft4j.embedded.Pretraining;
import org.peft4j.embedded.UpstreamData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peft pretrain}: pretrains the built-in benchmark's backbone on the synthetic upstream set. */
@Command(name = "pretrain",
        description = "Pretrain the vit-micro backbone of the built-in benchmark from scratch on a synthetic upstream "
                + "set (32 classes of shape x fill, none of them a downstream task), then write a timm-named "
                + "safetensors checkpoint and print its SHA-256. The defaults reproduce the shipped checkpoint.",
        footer = {"", "Examples:",
                "  peft pretrain --threads 2 --out vit-micro-pretrained.safetensors",
                "  (the shipped checkpoint; see docs/embedded-benchmark.md)"})
final class PretrainCommand implements Callable<Integer> {

    private static final Pretraining.Settings SHIPPED = Pretraining.Settings.shipped();

    @Option(names = "--out", defaultValue = EmbeddedBenchmark.CHECKPOINT_FILE,
            description = "Checkpoint to write (default: ${DEFAULT-VALUE})")
    Path out;

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

    @Option(names = "--weight-decay", description = "Weight decay (default: 0.05)")
    double weightDecay = SHIPPED.weightDecay();

    @Option(names = "--warmup", description = "Warm-up epochs (default: 1)")
    int warmup = SHIPPED.warmupEpochs();

    @Option(names = "--drop-path", description = "Drop path rate (default: 0)")
    float dropPath = SHIPPED.dropPath();

    @Option(names = "--threads", defaultValue = "2",
            description = "Intra-op and image threads; the result is repeatable for a fixed count (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() {
        EngineSetup.threads(threads);
        Path workDir = work != null ? work : Path.of(System.getProperty("user.home"), ".cache", "peft4j", "pretrain");
        Pretraining.Settings settings = new Pretraining.Settings(seed, images, valImages, epochs, batch, lr,
                weightDecay, warmup, dropPath, threads);
        Pretraining.Outcome outcome = Pretraining.run(settings, workDir, out, true);
        System.out.printf(Locale.ROOT, "wrote %s%nupstream held-out accuracy %.2f%% (%d classes, %d images)%n"
                        + "training time %.0f s%nsha256 %s%n", outcome.checkpoint(), outcome.upstreamAccuracy(),
                UpstreamData.task().classes(), valImages, outcome.seconds(), outcome.sha256());
        return 0;
    }
}
