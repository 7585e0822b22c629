package org.peft4j.eval.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Nemenyi's post-hoc test after a Friedman test (Demšar, JMLR 2006, section 3.2.2): two methods'
 * average ranks over N tasks differ significantly when they are at least the critical difference
 * CD = q_α · √(k(k + 1) / (6N)) apart, where q_α is the studentized range quantile (infinite
 * degrees of freedom) divided by √2. The quantile is computed here by integration, for any k; it
 * reproduces Demšar's Table 5 (k ≤ 10) to its three decimals.
 */
public final class Nemenyi {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final int STEPS = 4000;
    private static final double LOW = -9;
    private static final double HIGH = 9;

    private Nemenyi() {}

    /**
     * Demšar's q_α.
     *
     * @param methods k ≥ 2
     * @param alpha significance level, e.g. 0.05
     * @return the studentized range quantile at 1 − α with k groups and infinite df, over √2
     */
    public static double qAlpha(int methods, double alpha) {
        return studentizedRangeQuantile(1 - alpha, methods) / Math.sqrt(2);
    }

    /**
     * The critical difference of average ranks.
     *
     * @param methods k ≥ 2
     * @param tasks N ≥ 1
     * @param alpha significance level
     * @return CD
     */
    public static double criticalDifference(int methods, int tasks, double alpha) {
        return qAlpha(methods, alpha) * Math.sqrt(methods * (methods + 1.0) / (6.0 * tasks));
    }

    /**
     * Quantile of the studentized range of k standard normals (infinite degrees of freedom).
     *
     * @param probability in (0, 1)
     * @param k groups ≥ 2
     * @return q with P(range ≤ q) = probability
     */
    public static double studentizedRangeQuantile(double probability, int k) {
        if (k < 2 || !(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("need k ≥ 2 and a probability in (0, 1)");
        }
        double lo = 0;
        double hi = 1;
        while (studentizedRangeCdf(hi, k) < probability) {
            hi *= 2;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (studentizedRangeCdf(mid, k) < probability) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * P(range of k standard normals ≤ q) = k ∫ φ(z) [Φ(z) − Φ(z − q)]^(k−1) dz, by Simpson's rule.
     *
     * @param q the range, ≥ 0
     * @param k groups ≥ 2
     * @return the probability
     */
    public static double studentizedRangeCdf(double q, int k) {
        if (q <= 0) {
            return 0;
        }
        double h = (HIGH - LOW) / STEPS;
        double sum = 0;
        for (int i = 0; i <= STEPS; i++) {
            double z = LOW + i * h;
            double w = i == 0 || i == STEPS ? 1 : i % 2 == 1 ? 4 : 2;
            double inner = NORMAL.cumulativeProbability(z) - NORMAL.cumulativeProbability(z - q);
            sum += w * NORMAL.density(z) * Math.pow(inner, k - 1);
        }
        return Math.min(1.0, k * sum * h / 3);
    }
}
