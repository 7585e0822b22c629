package org.peft4j.eval.protocol;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the configuration of a (method, task) from its tuning outcomes (docs/methods.md#tuning-protocol, with a
 * documented tie-break instead of the reference's "last in file order"):
 * <ol>
 *   <li>only trials that ended {@link TrialStatus#OK} with a finite accuracy are candidates;
 *   <li>the highest final-epoch validation accuracy, unrounded, wins;
 *   <li>among equal accuracies, the one with fewer inserted parameters;
 *   <li>then the one earlier in grid order (learning rate outermost, then the method's grid in
 *       schema order, weight decay innermost).
 * </ol>
 * The input type holds validation results only, so the test split cannot influence the choice.
 */
public final class Selector {

    /** Best first: the order the rules above define. */
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
        return usable.stream().min(PREFERENCE).map(best -> new Selection(best, outcomes.size(), usable.size()));
    }
}
