package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Seeded percentile bootstrap of test accuracy (in percent) from per-image correctness. With one
 * seed, each replicate resamples the test images; with several, each replicate resamples the seeds
 * and, for all of them alike, the test images (a two-level bootstrap over seeds and images).
 * The images are resampled by {@link ImagePatterns}, so large test sets stay fast.
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
        ImagePatterns patterns = new ImagePatterns(correct);
        int seeds = correct.length;
        int n = patterns.images();
        SplittableRandom random = new SplittableRandom(seed);
        UniformRandomProvider rng = random::nextLong;
        double[] means = new double[replicates];
        int[] picks = new int[seeds];
        for (int b = 0; b < replicates; b++) {
            Arrays.fill(picks, 0);
            for (int s = 0; s < seeds; s++) {
                picks[seeds == 1 ? 0 : random.nextInt(seeds)]++;
            }
            means[b] = 100.0 * patterns.hits(patterns.resample(rng), picks, 0) / ((long) n * seeds);
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
