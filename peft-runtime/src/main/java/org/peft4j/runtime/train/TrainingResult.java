package org.peft4j.runtime.train;

import java.util.List;

/**
 * Outcome of a training run.
 *
 * @param status how it ended
 * @param message for a diverged run, the step and learning rate where the loss stopped being finite
 * @param epochsDone completed epochs
 * @param history one entry per completed epoch
 * @param finalEval evaluation after the last epoch, or null if there was no held-out split
 * @param trainSeconds wall time of this process's training (not counting resumed epochs)
 */
public record TrainingResult(
        Status status, String message, int epochsDone, List<EpochRecord> history, EvalResult finalEval,
        double trainSeconds) {

    /**
     * Batches skipped for a NaN or infinite loss, over the epochs of {@link #history()}.
     *
     * @return the count
     */
    public int skippedBatches() {
        return history.stream().mapToInt(EpochRecord::skippedBatches).sum();
    }

    /** How a run ended. */
    public enum Status {
        /** All epochs completed. */
        OK,
        /** The loss became NaN or infinite; training stopped. */
        DIVERGED
    }

    /**
     * One epoch's summary.
     *
     * @param epoch 0-based epoch
     * @param lr learning rate used
     * @param meanLoss mean training loss over the batches not skipped
     * @param evalAccuracy held-out accuracy after the epoch, or NaN if not evaluated
     * @param seconds wall time of the epoch's training steps, data waits included
     * @param dataSeconds part of {@code seconds} spent waiting for the next batch
     * @param skippedBatches batches skipped for a NaN or infinite loss ({@link NonFiniteLoss#SKIP})
     */
    public record EpochRecord(int epoch, double lr, double meanLoss, double evalAccuracy, double seconds,
            double dataSeconds, int skippedBatches) {

        /**
         * Share of the epoch's step time spent waiting for data.
         *
         * @return dataSeconds / seconds, in [0, 1]
         */
        public double dataShare() {
            return seconds > 0 ? dataSeconds / seconds : 0;
        }
    }
}
