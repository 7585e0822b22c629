package org.peft4j.runtime.train;

/**
 * The training settings of one run; {@link #study(double, double)} gives the study's VTAB-1K
 * recipe (docs/methods.md#training-protocol): AdamW, 100 epochs, batch 64, 10 warm-up epochs from 1e-6, cosine decay
 * to 1e-5 per epoch, drop path 0.1, cross-entropy, drop_last.
 *
 * @param epochs number of epochs
 * @param batchSize examples per optimizer step
 * @param microBatch examples per forward/backward (gradient accumulation when smaller than batchSize)
 * @param lr peak learning rate
 * @param weightDecay decoupled weight decay
 * @param warmupEpochs linear warm-up epochs
 * @param warmupLr learning rate at the start of warm-up
 * @param minLr learning rate at the end of the cosine
 * @param dropPath drop path rate of the last block
 * @param evalEvery evaluate the held-out split every this many epochs (and after the last)
 * @param seed seed of initialisation, shuffling, augmentation and drop path
 * @param referenceSchedule reproduce the reference's off-by-one learning-rate sequence
 */
public record TrainingRecipe(
        int epochs,
        int batchSize,
        int microBatch,
        double lr,
        double weightDecay,
        int warmupEpochs,
        double warmupLr,
        double minLr,
        float dropPath,
        int evalEvery,
        long seed,
        boolean referenceSchedule) {

    /** Checks the values. */
    public TrainingRecipe {
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(microBatch >= 1 && batchSize % microBatch == 0,
                "micro batch " + microBatch + " must divide the batch size " + batchSize);
        require(lr > 0 && Double.isFinite(lr), "learning rate must be positive, got " + lr);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must be finite and >= 0, got "
                + weightDecay);
        require(warmupLr >= 0 && Double.isFinite(warmupLr), "warm-up learning rate must be finite and >= 0, got "
                + warmupLr);
        require(minLr >= 0 && Double.isFinite(minLr), "minimum learning rate must be finite and >= 0, got " + minLr);
        require(warmupEpochs >= 0 && warmupEpochs < epochs || warmupEpochs == 0,
                "warm-up epochs must be in [0, epochs), got " + warmupEpochs);
        require(dropPath >= 0 && dropPath < 1, "drop path must be in [0, 1), got " + dropPath);
        require(evalEvery >= 1, "evalEvery must be at least 1, got " + evalEvery);
    }

    /**
     * The study's recipe with the given learning rate and weight decay.
     *
     * @param lr peak learning rate
     * @param weightDecay weight decay
     * @return the recipe, seed 42, evaluation only at the end
     */
    public static TrainingRecipe study(double lr, double weightDecay) {
        return new TrainingRecipe(100, 64, 64, lr, weightDecay, 10, 1e-6, 1e-5, 0.1f, 100, 42, false);
    }

    /**
     * A copy with other epochs and warm-up.
     *
     * @param epochs number of epochs
     * @param warmup warm-up epochs
     * @return the copy
     */
    public TrainingRecipe withEpochs(int epochs, int warmup) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmup, warmupLr, minLr, dropPath,
                Math.min(evalEvery, epochs), seed, referenceSchedule);
    }

    /**
     * A copy with another batch and micro-batch size.
     *
     * @param batch examples per step
     * @param micro examples per forward/backward
     * @return the copy
     */
    public TrainingRecipe withBatch(int batch, int micro) {
        return new TrainingRecipe(epochs, batch, micro, lr, weightDecay, warmupEpochs, warmupLr, minLr, dropPath,
                evalEvery, seed, referenceSchedule);
    }

    /**
     * A copy with another seed.
     *
     * @param newSeed the seed
     * @return the copy
     */
    public TrainingRecipe withSeed(long newSeed) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmupEpochs, warmupLr, minLr,
                dropPath, evalEvery, newSeed, referenceSchedule);
    }

    /**
     * A copy with another evaluation interval.
     *
     * @param every evaluate every this many epochs
     * @return the copy
     */
    public TrainingRecipe withEvalEvery(int every) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmupEpochs, warmupLr, minLr,
                dropPath, every, seed, referenceSchedule);
    }

    /**
     * A copy with or without the reference's schedule quirk.
     *
     * @param reference whether to reproduce it
     * @return the copy
     */
    public TrainingRecipe withReferenceSchedule(boolean reference) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmupEpochs, warmupLr, minLr,
                dropPath, evalEvery, seed, reference);
    }

    /**
     * A copy with another drop path rate.
     *
     * @param rate the last block's rate
     * @return the copy
     */
    public TrainingRecipe withDropPath(float rate) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmupEpochs, warmupLr, minLr,
                rate, evalEvery, seed, referenceSchedule);
    }

    /**
     * Optimizer steps per epoch with drop_last.
     *
     * @param examples size of the training split
     * @return full batches per epoch
     */
    public long dropLastSteps(int examples) {
        return examples / batchSize;
    }

    /**
     * The learning-rate schedule of this recipe.
     *
     * @return the schedule
     */
    public LrSchedule schedule() {
        return new LrSchedule(lr, warmupEpochs, warmupLr, minLr, epochs, referenceSchedule);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
