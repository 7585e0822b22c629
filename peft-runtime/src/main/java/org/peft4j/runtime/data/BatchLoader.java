package org.peft4j.runtime.data;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Forms the batches of an epoch from cached images. The order is the cached order, or with
 * {@code shuffle} a Fisher–Yates permutation drawn from a generator seeded by (seed, epoch), so
 * every run with the same seed sees the same batches (the permutation is not torch's
 * {@code randperm}). With {@code dropLast} an incomplete last batch is left out (800 images at
 * batch 64 give 12 batches). Batches are built ahead on a background thread: see
 * {@link BatchStream}.
 */
public final class BatchLoader {

    private static final long SHUFFLE_MIX = 0xD1B54A32D192ED03L;

    private final CachedImages images;
    private final LoaderOptions options;
    private final BatchAssembler assembler;

    /**
     * Creates a loader.
     *
     * @param images the cached split
     * @param options batching settings
     */
    public BatchLoader(CachedImages images, LoaderOptions options) {
        this.images = images;
        this.options = options;
        this.assembler = new BatchAssembler(images, options.normalization(), options.augmentation(), options.seed());
    }

    /** @return the settings */
    public LoaderOptions options() {
        return options;
    }

    /** @return batches in every epoch */
    public int batchesPerEpoch() {
        int n = images.size();
        int b = options.batchSize();
        return options.dropLast() ? n / b : (n + b - 1) / b;
    }

    /**
     * The order in which an epoch visits the cached images, before cutting into batches.
     *
     * @param epoch the epoch (0-based)
     * @return cached-image indices
     */
    public int[] order(int epoch) {
        int[] order = new int[images.size()];
        Arrays.setAll(order, i -> i);
        if (options.shuffle()) {
            SplittableRandom random = new SplittableRandom(options.seed() ^ (epoch + 1L) * SHUFFLE_MIX);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * Starts an epoch. Close the stream (try-with-resources) to stop the background thread early
     * and free batches not yet taken; close each batch taken.
     *
     * @param epoch the epoch (0-based): seeds the shuffle and the augmentation
     * @param manager the manager each batch's own manager hangs from
     * @return the batches, produced ahead of consumption
     */
    public BatchStream epoch(int epoch, NDManager manager) {
        int[] order = order(epoch);
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < batchesPerEpoch(); b++) {
            int from = b * options.batchSize();
            batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + options.batchSize())));
        }
        ByteBuffer staging = assembler.staging(options.batchSize());
        return new BatchStream(batches, indices -> assembler.assemble(indices, epoch, manager, staging),
                options.prefetch());
    }
}
