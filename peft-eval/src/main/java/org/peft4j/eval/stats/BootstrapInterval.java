package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap of test accuracy (in percent) from per-image correctness. With one
 * seed, each replicate resamples the test images; with several, each replicate resamples the seeds
 * and, for all of them alike, the test images (a two-level bootstrap over seeds and images).
 */
public final class BootstrapInterval {

    /** Replicates used unless told otherwise. */
    public static final int DEFAULT_REPLICATES = 1000;

    /** Random seed used unless told otherwise, so reports are reproducible. */
    public static final long DEFAULT_SEED = 17L;

    private BootstrapInterval() {}

    /**
     * The 95% interval with the default replicates and seed.
     *
     * @param correct correctness per seed (rows) and test image (columns); rows of equal length
     * @return the interval in percent
     */
    public static Interval of(boolean[][] correct) {
        return of(correct, 0.95, DEFAULT_REPLICATES, DEFAULT_SEED);
    }

    /**
     * The percentile interval.
     *
     * @param correct correctness per seed (rows) and test image (columns); rows of equal length
     * @param level confidence level in (0, 1)
     * @param replicates bootstrap replicates B
     * @param seed random seed
     * @return the interval in percent
     */
    public static Interval of(boolean[][] correct, double level, int replicates, long seed) {
        int seeds = correct.length;
        if (seeds == 0 || correct[0].length == 0) {
            throw new IllegalArgumentException("no predictions to bootstrap");
        }
        int n = correct[0].length;
        for (boolean[] row : correct) {
            if (row.length != n) {
                throw new IllegalArgumentException("seeds with different numbers of test images");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[replicates];
        int[] images = new int[n];
        int[] rows = new int[seeds];
        for (int b = 0; b < replicates; b++) {
            for (int s = 0; s < seeds; s++) {
                rows[s] = seeds == 1 ? 0 : random.nextInt(seeds);
            }
            for (int i = 0; i < n; i++) {
                images[i] = random.nextInt(n);
            }
            long hits = 0;
            for (int s : rows) {
                for (int i : images) {
                    hits += correct[s][i] ? 1 : 0;
                }
            }
            means[b] = 100.0 * hits / ((long) n * seeds);
        }
        double alpha = 1 - level;
        return new Interval(percentile(means, 100 * alpha / 2), percentile(means, 100 * (1 - alpha / 2)), level);
    }

    /**
     * A percentile with linear interpolation between order statistics (NumPy's default method).
     *
     * @param values the sample (not modified)
     * @param q percentile in [0, 100]
     * @return the percentile
     */
    public static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
