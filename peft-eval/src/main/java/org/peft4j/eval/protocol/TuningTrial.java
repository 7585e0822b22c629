package org.peft4j.eval.protocol;

import java.util.Objects;

/**
 * A grid point: trained on {@value #TRAIN_SPLIT}, scored on {@value #VALIDATION_SPLIT}. Its splits
 * are constants, so no tuning trial can be pointed at the test split.
 *
 * @param settings what to train
 * @param gridIndex position in the (method, task) grid: learning rate outermost, then the method's
 *     grid, then weight decay innermost; the last tie-break of {@link Selector}
 */
public record TuningTrial(TrialSettings settings, int gridIndex) implements Trial {

    /** The tuning split. */
    public static final String TRAIN_SPLIT = "train800";

    /** The validation split. */
    public static final String VALIDATION_SPLIT = "val200";

    /** Checks the values. */
    public TuningTrial {
        Objects.requireNonNull(settings, "settings");
        if (gridIndex < 0) {
            throw new IllegalArgumentException("grid index must be >= 0, got " + gridIndex);
        }
    }

    @Override
    public TrialKind kind() {
        return TrialKind.TUNING;
    }

    @Override
    public String trainSplit() {
        return TRAIN_SPLIT;
    }

    @Override
    public String evalSplit() {
        return VALIDATION_SPLIT;
    }
}
