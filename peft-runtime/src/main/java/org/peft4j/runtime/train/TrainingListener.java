package org.peft4j.runtime.train;

/** Receives progress events of a training run; every method defaults to doing nothing. */
public interface TrainingListener {

    /**
     * Called once before the first step (also when resuming).
     *
     * @param totalSteps optimizer steps of the whole run
     * @param doneSteps steps already done (restored from a checkpoint)
     */
    default void onStart(long totalSteps, long doneSteps) {}

    /**
     * Called after each optimizer step.
     *
     * @param epoch 0-based epoch
     * @param step steps done so far in the run
     * @param loss the step's mean loss
     * @param lr the learning rate used
     * @param images examples processed by the step
     */
    default void onStep(int epoch, long step, float loss, double lr, int images) {}

    /**
     * Called after each epoch.
     *
     * @param epoch 0-based epoch
     * @param meanLoss mean training loss of the epoch
     * @param eval evaluation after the epoch, or null if none ran
     */
    default void onEpoch(int epoch, double meanLoss, EvalResult eval) {}

    /** Called when the run ends, whatever the outcome. */
    default void onFinish() {}
}
