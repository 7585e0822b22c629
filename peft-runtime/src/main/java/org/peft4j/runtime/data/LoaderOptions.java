package org.peft4j.runtime.data;

/**
 * How a {@link BatchLoader} forms batches.
 *
 * @param batchSize images per batch
 * @param shuffle whether each epoch visits the images in a seeded random order
 * @param dropLast whether to drop the last, incomplete batch (the study trains with it on)
 * @param seed seed of the shuffle and the augmentation
 * @param prefetch batches prepared ahead of the consumer (bound of the queue), at least 1
 * @param normalization per-channel normalisation of the [0, 1] pixels
 * @param augmentation training augmentation, {@link Augmentation#NONE} for none
 */
public record LoaderOptions(int batchSize, boolean shuffle, boolean dropLast, long seed, int prefetch,
        Normalization normalization, Augmentation augmentation) {

    /** Prefetch depth of the factory methods. */
    public static final int DEFAULT_PREFETCH = 2;

    /** Checks the sizes. */
    public LoaderOptions {
        if (batchSize < 1 || prefetch < 1) {
            throw new IllegalArgumentException("batch size and prefetch depth must be at least 1, got "
                    + batchSize + " and " + prefetch);
        }
    }

    /**
     * Training as in the study: shuffled every epoch, last incomplete batch dropped, no
     * normalisation, no augmentation.
     *
     * @param batchSize images per batch (64 in the study)
     * @param seed shuffle seed
     * @return the options
     */
    public static LoaderOptions training(int batchSize, long seed) {
        return new LoaderOptions(batchSize, true, true, seed, DEFAULT_PREFETCH, Normalization.NONE, Augmentation.NONE);
    }

    /**
     * Evaluation: list order, every image, no normalisation, no augmentation.
     *
     * @param batchSize images per batch (512 in the study)
     * @return the options
     */
    public static LoaderOptions evaluation(int batchSize) {
        return new LoaderOptions(batchSize, false, false, 0L, DEFAULT_PREFETCH, Normalization.NONE, Augmentation.NONE);
    }

    /**
     * @param n the normalisation preset
     * @return a copy with it
     */
    public LoaderOptions withNormalization(Normalization n) {
        return new LoaderOptions(batchSize, shuffle, dropLast, seed, prefetch, n, augmentation);
    }

    /**
     * @param a the augmentation
     * @return a copy with it
     */
    public LoaderOptions withAugmentation(Augmentation a) {
        return new LoaderOptions(batchSize, shuffle, dropLast, seed, prefetch, normalization, a);
    }

    /**
     * @param depth batches prepared ahead
     * @return a copy with it
     */
    public LoaderOptions withPrefetch(int depth) {
        return new LoaderOptions(batchSize, shuffle, dropLast, seed, depth, normalization, augmentation);
    }

    /**
     * @param drop whether to drop the last incomplete batch
     * @return a copy with it
     */
    public LoaderOptions withDropLast(boolean drop) {
        return new LoaderOptions(batchSize, shuffle, drop, seed, prefetch, normalization, augmentation);
    }
}
