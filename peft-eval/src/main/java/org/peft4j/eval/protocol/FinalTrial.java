package org.peft4j.eval.protocol;

import java.util.Objects;

/**
 * A final run: the selected configuration retrained on {@value #TRAIN_SPLIT} with one seed and
 * evaluated once on {@value #TEST_SPLIT}. Only a {@link Selection} creates one (and the store,
 * reading back what a selection created), so a test number exists only after selection is over.
 */
public final class FinalTrial implements Trial {

    /** The final training split (train800 + val200). */
    public static final String TRAIN_SPLIT = "train800val200";

    /** The test split. */
    public static final String TEST_SPLIT = "test";

    private final TrialSettings settings;
    private final String selectedFrom;
    private final int seedIndex;

    FinalTrial(TrialSettings settings, String selectedFrom, int seedIndex) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.selectedFrom = Objects.requireNonNull(selectedFrom, "selectedFrom");
        this.seedIndex = seedIndex;
    }

    @Override
    public TrialKind kind() {
        return TrialKind.FINAL;
    }

    @Override
    public TrialSettings settings() {
        return settings;
    }

    @Override
    public String trainSplit() {
        return TRAIN_SPLIT;
    }

    @Override
    public String evalSplit() {
        return TEST_SPLIT;
    }

    /**
     * The tuning trial whose configuration this run retrains.
     *
     * @return its id
     */
    public String selectedFrom() {
        return selectedFrom;
    }

    /**
     * Which of the seeds this is.
     *
     * @return 0 for the first seed
     */
    public int seedIndex() {
        return seedIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinalTrial f && f.settings.equals(settings) && f.selectedFrom.equals(selectedFrom)
                && f.seedIndex == seedIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, selectedFrom, seedIndex);
    }

    @Override
    public String toString() {
        return "final " + settings.describe();
    }
}
