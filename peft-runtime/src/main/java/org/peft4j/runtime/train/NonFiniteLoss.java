package org.peft4j.runtime.train;

/** What the trainer does with a batch whose loss is NaN or infinite. */
public enum NonFiniteLoss {
    /** Stop the run as {@link TrainingResult.Status#DIVERGED}, naming the step and learning rate (the default). */
    STOP,
    /**
     * Skip the batch, as the reference does under {@code reference-compat}: no update, its
     * gradients discarded, the run goes on; {@link TrainingResult.EpochRecord#skippedBatches()}
     * counts it.
     */
    SKIP
}
