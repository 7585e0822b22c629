package org.peft4j.eval.protocol;

import java.util.Map;
import org.peft4j.runtime.data.Normalization;

/** Settings and outcomes for tests that need no engine. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Settings of a made-up trial.
     *
     * @param method method name
     * @param hyperparameters its hyperparameters
     * @param lr learning rate
     * @param wd weight decay
     * @return the settings, seed 42
     */
    public static TrialSettings settings(String method, Map<String, String> hyperparameters, double lr, double wd) {
        return new TrialSettings(ProtocolKind.STUDY, TinyBenchmark.MODEL.withClasses(3), null, "/data",
                Normalization.NONE, new TaskSpec("alpha", "other", 3), method, "1.0", "1.0", hyperparameters,
                new RecipeSpec(3, 8, 8, 0, 1e-6, 1e-5, 0f).recipe(lr, wd, 42, false), false);
    }

    /**
     * A tuning outcome.
     *
     * @param gridIndex position in the grid (also varies the learning rate, so ids differ)
     * @param status how it ended
     * @param valAccuracy validation accuracy
     * @param inserted inserted parameters
     * @return the outcome
     */
    public static TuningOutcome outcome(int gridIndex, TrialStatus status, double valAccuracy, long inserted) {
        TuningTrial trial = new TuningTrial(settings("m", Map.of(), 1e-3 * (gridIndex + 1), 1e-4), gridIndex);
        return new TuningOutcome(trial, trial.id(), status, valAccuracy, 0.5, inserted);
    }
}
