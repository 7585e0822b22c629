package org.peft4j.eval.protocol.run;

import org.peft4j.eval.protocol.store.Claim;
import org.peft4j.runtime.train.EvalResult;
import org.peft4j.runtime.train.TrainingListener;

/**
 * Progress of a trial: forwards to a progress display, stops the trial when its claim was lost,
 * notes how many epochs were restored from the epoch checkpoint, and records the training curve.
 */
final class TrialListener implements TrainingListener {

    private final TrainingListener display;
    private final Claim claim;
    private final long stepsPerEpoch;
    private final CurveRecorder curve;
    private int resumedEpochs;

    TrialListener(TrainingListener display, Claim claim, long stepsPerEpoch, CurveRecorder curve) {
        this.display = display;
        this.claim = claim;
        this.stepsPerEpoch = stepsPerEpoch;
        this.curve = curve;
    }

    int resumedEpochs() {
        return resumedEpochs;
    }

    @Override
    public void onStart(long totalSteps, long doneSteps) {
        resumedEpochs = stepsPerEpoch == 0 ? 0 : (int) (doneSteps / stepsPerEpoch);
        curve.start(resumedEpochs);
        display.onStart(totalSteps, doneSteps);
    }

    @Override
    public void onStep(int epoch, long step, float loss, double lr, int images) {
        if (claim != null && claim.lost()) {
            throw new ClaimLostException(claim.trialId());
        }
        curve.step(lr);
        display.onStep(epoch, step, loss, lr, images);
    }

    @Override
    public void onEpoch(int epoch, double meanLoss, EvalResult eval) {
        curve.epoch(epoch, meanLoss, eval);
        display.onEpoch(epoch, meanLoss, eval);
    }

    @Override
    public void onFinish() {
        display.onFinish();
    }
}
