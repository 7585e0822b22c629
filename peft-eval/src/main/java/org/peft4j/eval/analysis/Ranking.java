package org.peft4j.eval.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranks of scores where higher is better, with the conventions of the reports. */
public final class Ranking {

    private Ranking() {}

    /**
     * Fractional ranks: the best score gets rank 1; tied scores share the mean of the ranks they
     * occupy (e.g. two tied for first both get 1.5); a missing score (NaN: the method diverged,
     * failed or has no result) ranks below every present score, tied with the other missing ones.
     *
     * @param scores one score per competitor, NaN for missing
     * @return one rank per competitor, in [1, n]
     */
    public static double[] fractional(double[] scores) {
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> key(scores[i])));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && key(scores[order[end + 1]]) == key(scores[order[start]])) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Sort key: larger scores first, NaN last. */
    private static double key(double score) {
        return Double.isNaN(score) ? Double.POSITIVE_INFINITY : -score;
    }
}
