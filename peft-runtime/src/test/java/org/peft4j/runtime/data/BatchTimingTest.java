package org.peft4j.runtime.data;

import org.peft4j.runtime.train.Batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to build one training batch (64 images, 224 px, from the memory-mapped cache) and the rate
 * at which a prefetching stream delivers them. Prints the numbers; the bound only catches a gross
 * regression on a busy machine (a ViT-B/16 step on 64 images takes seconds on a CPU).
 */
class BatchTimingTest {

    @TempDir
    Path dir;

    @Test
    void batchOf64At224FromTheCache() {
        Path task = TestImages.vtabTask(dir.resolve("task"), 128, 1, 1, 10);
        CachedImages images = ImageCache.load(VtabDataset.open(task).split("train800"), ImageTransform.stretch(224),
                ImageCache.Options.defaults().withDirectory(dir.resolve("cache")).withThreads(2));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (Normalization n : new Normalization[] {Normalization.NONE, Normalization.IMAGENET}) {
                BatchAssembler assembler = new BatchAssembler(images, n, Augmentation.NONE, 1);
                ByteBuffer staging = assembler.staging(64);
                BatchLoader loader = new BatchLoader(images, LoaderOptions.training(64, 1).withNormalization(n));
                double[] ms = new double[15];
                for (int i = -3; i < ms.length; i++) {
                    int[] indices = loader.order(i + 3);
                    long t = System.nanoTime();
                    try (Batch b = assembler.assemble(Arrays.copyOf(indices, 64), 0, manager, staging)) {
                        b.images().getFloat(0, 0, 0, 0);
                        if (i >= 0) {
                            ms[i] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                }
                long cpu = processCpuNanos();
                int repeats = 10;
                for (int i = 0; i < repeats; i++) {
                    try (Batch b = assembler.assemble(Arrays.copyOf(loader.order(i), 64), 0, manager, staging)) {
                        b.images().getFloat(0, 0, 0, 0);
                    }
                }
                double cpuMs = (processCpuNanos() - cpu) / 1e6 / repeats;
                Arrays.sort(ms);
                long t = System.nanoTime();
                int batches = 0;
                for (int epoch = 0; epoch < 4; epoch++) {
                    try (BatchStream s = loader.epoch(epoch, manager)) {
                        while (s.hasNext()) {
                            try (Batch b = s.next()) {
                                batches += b.size() / 64;
                            }
                        }
                    }
                }
                double streamed = (System.nanoTime() - t) / 1e6 / batches;
                System.out.printf("batch of 64 × 3 × 224 × 224 from cache, normalisation %s: wall median %.1f ms, "
                        + "min %.1f ms, max %.1f ms; CPU %.1f ms per batch (all threads); streamed %.1f ms per batch%n",
                        n, ms[ms.length / 2], ms[0], ms[ms.length - 1], cpuMs, streamed);
                assertEquals(8, batches);
                assertTrue(ms[ms.length / 2] < 500, "median " + ms[ms.length / 2] + " ms");
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
