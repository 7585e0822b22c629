package org.peft4j.eval.stats;

import java.util.List;

/**
 * The pairwise tests of one task.
 *
 * @param task the task
 * @param best the method with the highest mean test accuracy (the first in report order on a tie)
 * @param bestAccuracy its mean test accuracy (%)
 * @param notWorse the best and every method not significantly worse than it, in report order
 * @param pairs every pair of methods with predictions, in report order
 */
public record TaskSignificance(String task, String best, double bestAccuracy, List<String> notWorse, List<PairTest> pairs) {

    /** Copies the lists. */
    public TaskSignificance {
        notWorse = List.copyOf(notWorse);
        pairs = List.copyOf(pairs);
    }
}
