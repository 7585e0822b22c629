package org.peft4j.eval.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the configuration of a (method, task) from its tuning outcomes. Only trials that ended
 * {@link TrialStatus#OK} with a finite accuracy are candidates. By default
 * (docs/protocol.md#the-protocol):
 * <ol>
 *   <li>the highest final-epoch validation accuracy, unrounded, wins;
 *   <li>among equal accuracies, the one with fewer inserted parameters;
 *   <li>then the one earlier in grid order (learning rate outermost, then the method's grid in
 *       schema order, weight decay innermost).
 * </ol>
 * Under {@code reference-compat} (the trials' settings say so) it selects as the reference does
 * (docs/differences.md): the highest accuracy rounded to 2 decimals as Python's {@code round}
 * does, and among those the last in the reference's grid order ({@link ReferenceGridOrder}).
 * The input type holds validation results only, so the test split cannot influence the choice.
 */
public final class Selector {

    /** Best first: the default rules above. */
    public static final Comparator<TuningOutcome> PREFERENCE = Comparator
            .comparingDouble(TuningOutcome::valAccuracy).reversed()
            .thenComparingLong(TuningOutcome::insertedParameters)
            .thenComparingInt(o -> o.trial().gridIndex());

    private Selector() {}

    /**
     * Selects the configuration.
     *
     * @param outcomes every tuning outcome of one (method, task)
     * @return the selection, or empty when no trial ended ok
     */
    public static Optional<Selection> select(List<TuningOutcome> outcomes) {
        List<TuningOutcome> usable = outcomes.stream()
                .filter(o -> o.status() == TrialStatus.OK && Double.isFinite(o.valAccuracy()))
                .toList();
        boolean compat = !usable.isEmpty() && usable.stream().allMatch(o -> o.trial().settings().referenceCompat());
        Optional<TuningOutcome> best = compat
                ? usable.stream().max(Comparator.comparingDouble((TuningOutcome o) -> rounded(o.valAccuracy()))
                        .thenComparing(ReferenceGridOrder.of(outcomes)))
                : usable.stream().min(PREFERENCE);
        return best.map(b -> new Selection(b, outcomes.size(), usable.size()));
    }

    /**
     * Python's {@code round(x, 2)}: the double's exact binary value rounded to 2 decimals, exact
     * halves to even.
     */
    static double rounded(double percent) {
        return new BigDecimal(percent).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
