package org.peft4j.eval.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.peft4j.eval.analysis.Ranking;

/**
 * The Friedman test of k methods over N tasks (Demšar, JMLR 2006, section 3.2.2): are the methods'
 * average ranks further apart than chance allows? The chi-square statistic carries the tie
 * correction of {@code scipy.stats.friedmanchisquare}; the Iman–Davenport F is the less
 * conservative variant Demšar recommends.
 *
 * @param tasks N
 * @param methods k
 * @param averageRanks mean rank per method over the tasks (1 = best)
 * @param chiSquare the Friedman statistic, tie-corrected
 * @param p its p-value (chi-square with k − 1 degrees of freedom)
 * @param imanDavenportF the Iman–Davenport statistic (NaN when the chi-square reaches N(k − 1))
 * @param imanDavenportP its p-value (F with k − 1 and (k − 1)(N − 1) degrees of freedom)
 */
public record FriedmanTest(int tasks, int methods, double[] averageRanks, double chiSquare, double p,
        double imanDavenportF, double imanDavenportP) {

    /**
     * Runs the test.
     *
     * @param scores scores per task (rows) and method (columns), higher is better, none missing
     * @return the test
     * @throws IllegalArgumentException with fewer than 2 tasks or methods, or a missing score
     */
    public static FriedmanTest of(double[][] scores) {
        int n = scores.length;
        int k = n == 0 ? 0 : scores[0].length;
        if (n < 2 || k < 2) {
            throw new IllegalArgumentException("the Friedman test needs 2 tasks and 2 methods or more");
        }
        double[] sums = new double[k];
        double ties = 0;
        for (double[] row : scores) {
            if (row.length != k) {
                throw new IllegalArgumentException("rows of different lengths");
            }
            for (double v : row) {
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("a missing score");
                }
            }
            double[] ranks = Ranking.fractional(row);
            for (int j = 0; j < k; j++) {
                sums[j] += ranks[j];
            }
            ties += tieTerm(ranks);
        }
        double ss = 0;
        for (double s : sums) {
            ss += s * s;
        }
        double chi = 12.0 / (n * k * (k + 1.0)) * ss - 3.0 * n * (k + 1);
        double correction = 1 - ties / (n * k * (k * (double) k - 1));
        chi = correction > 0 ? chi / correction : 0;
        double p = ChiSquaredDistribution.of(k - 1).survivalProbability(chi);
        double denominator = n * (k - 1.0) - chi;
        double f = denominator > 0 ? (n - 1) * chi / denominator : Double.NaN;
        double fp = Double.isNaN(f) ? 0 : FDistribution.of(k - 1, (k - 1.0) * (n - 1)).survivalProbability(f);
        double[] average = new double[k];
        for (int j = 0; j < k; j++) {
            average[j] = sums[j] / n;
        }
        return new FriedmanTest(n, k, average, chi, p, f, fp);
    }

    /** Σ (t³ − t) over groups of t tied ranks in one task. */
    private static double tieTerm(double[] ranks) {
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            term += t * t * t - t;
            i = j + 1;
        }
        return term;
    }
}
