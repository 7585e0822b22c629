package org.peft4j.eval.protocol;

import java.util.Objects;

/**
 * What selection may know about a finished tuning trial: its validation score and size. It holds
 * no test data, and it is only made from tuning trials, whose splits are train800 and val200.
 *
 * @param trial the grid point
 * @param trialId its id
 * @param status how it ended; only {@link TrialStatus#OK} outcomes can be selected
 * @param valAccuracy validation top-1 in percent after the last epoch, unrounded (NaN unless ok)
 * @param valLoss validation cross-entropy (NaN unless ok)
 * @param insertedParameters trainable parameters outside the head
 */
public record TuningOutcome(
        TuningTrial trial, String trialId, TrialStatus status, double valAccuracy, double valLoss,
        long insertedParameters) {

    /** Checks the values. */
    public TuningOutcome {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(status, "status");
    }
}
