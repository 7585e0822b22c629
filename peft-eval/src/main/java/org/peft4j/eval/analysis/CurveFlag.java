package org.peft4j.eval.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What a trial's training curve warns of. The rule, applied to the mean train loss of each epoch
 * (L_1 … L_n):
 *
 * <ul>
 *   <li>{@link #DIVERGED}: the trial's record says diverged (a NaN or infinite loss stopped it), a
 *       recorded loss is not finite, or the last loss is above the first (L_n &gt; L_1: training
 *       ended worse than it began);
 *   <li>{@link #ROSE_AT_END}: otherwise, with two epochs or more, the last loss exceeds the lowest
 *       loss of the earlier epochs by more than {@value #RISE} of it (L_n &gt; 1.1 · min(L_1 …
 *       L_{n−1})).
 * </ul>
 */
public enum CurveFlag {

    /** The loss blew up, or ended above where it started. */
    DIVERGED("diverged"),

    /** The loss rose over the last epochs. */
    ROSE_AT_END("loss rose at the end");

    /** The relative rise over the lowest earlier loss that flags {@link #ROSE_AT_END}. */
    public static final double RISE = 0.1;

    private final String label;

    CurveFlag(String label) {
        this.label = label;
    }

    /**
     * The flag in words.
     *
     * @return e.g. {@code loss rose at the end}
     */
    public String label() {
        return label;
    }

    /**
     * Applies the rule.
     *
     * @param losses the mean train loss of each epoch, in order
     * @param recordDiverged whether the trial's record says diverged
     * @return the flag, or empty for a curve without warning
     */
    public static Optional<CurveFlag> of(List<Double> losses, boolean recordDiverged) {
        if (recordDiverged || losses.stream().anyMatch(l -> !Double.isFinite(l))) {
            return Optional.of(DIVERGED);
        }
        int n = losses.size();
        if (n < 2) {
            return Optional.empty();
        }
        double last = losses.get(n - 1);
        if (last > losses.get(0)) {
            return Optional.of(DIVERGED);
        }
        double lowest = losses.subList(0, n - 1).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return last > (1 + RISE) * lowest ? Optional.of(ROSE_AT_END) : Optional.empty();
    }
}
