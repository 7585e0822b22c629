package org.peft4j.eval.protocol;

import org.peft4j.runtime.train.TrainingRecipe;

/**
 * The training settings every method of a comparison shares (the equal budget): the learning
 * rate, weight decay and seed vary per trial and are added by {@link #recipe}.
 *
 * @param epochs training epochs
 * @param batchSize examples per optimizer step
 * @param microBatch examples per forward/backward (gradient accumulation when smaller)
 * @param warmupEpochs linear warm-up epochs
 * @param warmupLr learning rate at the start of warm-up
 * @param minLr learning rate at the end of the cosine
 * @param dropPath drop path rate of the last block
 */
public record RecipeSpec(
        int epochs, int batchSize, int microBatch, int warmupEpochs, double warmupLr, double minLr, float dropPath) {

    /** Checks the values through the recipe they make. */
    public RecipeSpec {
        new TrainingRecipe(epochs, batchSize, microBatch, 1e-3, 0, warmupEpochs, warmupLr, minLr, dropPath, epochs, 0,
                false);
    }

    /**
     * The recipe of one trial. The held-out split is evaluated once, after the last epoch
     * (tuning: validation; final: test, so no test number can steer anything).
     *
     * @param lr peak learning rate
     * @param weightDecay weight decay
     * @param seed the trial's seed
     * @param referenceSchedule whether to reproduce the reference's learning-rate off-by-one
     * @return the recipe
     */
    public TrainingRecipe recipe(double lr, double weightDecay, long seed, boolean referenceSchedule) {
        return new TrainingRecipe(epochs, batchSize, microBatch, lr, weightDecay, warmupEpochs, warmupLr, minLr,
                dropPath, epochs, seed, referenceSchedule);
    }
}
