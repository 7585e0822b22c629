package org.peft4j.eval.stats;

import java.util.List;

/**
 * Average ranks over tasks, the Friedman test and Nemenyi's critical difference.
 *
 * @param methods the methods, in report order
 * @param tasks the tasks on which every method has an accuracy (the others are left out)
 * @param friedman the Friedman test on those tasks
 * @param criticalDifference Nemenyi's CD at {@code alpha}
 * @param alpha the significance level
 */
public record RankSignificance(List<String> methods, List<String> tasks, FriedmanTest friedman,
        double criticalDifference, double alpha) {

    /** Copies the lists. */
    public RankSignificance {
        methods = List.copyOf(methods);
        tasks = List.copyOf(tasks);
    }

    /**
     * Whether two methods' average ranks differ by at least the critical difference.
     *
     * @param i the first method's index
     * @param j the second's
     * @return true when significantly different by Nemenyi's test
     */
    public boolean different(int i, int j) {
        return Math.abs(friedman.averageRanks()[i] - friedman.averageRanks()[j]) >= criticalDifference;
    }
}
