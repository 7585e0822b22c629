package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Holm's step-down correction for multiple comparisons (controls the family-wise error rate). */
public final class Holm {

    private Holm() {}

    /**
     * Holm-adjusted p-values: sorted ascending, the i-th smallest (0-based) becomes
     * max over j ≤ i of min(1, (m − j)·p_(j)).
     *
     * @param p raw p-values
     * @return adjusted p-values, in the input order
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[m];
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1.0, (m - j) * p[order[j]]));
            out[order[j]] = running;
        }
        return out;
    }
}
