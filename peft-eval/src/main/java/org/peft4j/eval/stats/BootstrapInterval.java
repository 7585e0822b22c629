package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Seeded percentile bootstrap of test accuracy (in percent) from per-image correctness. With one
 * seed, each replicate resamples the test images; with several, each replicate resamples the seeds
 * and, for all of them alike, the test images (a two-level bootstrap over seeds and images).
 *
 * <p>Resampling n images with replacement only matters through how many images of each correctness
 * pattern (right or wrong under each seed) are drawn, a multinomial draw; it is sampled as a chain
 * of binomials, so a replicate costs O(patterns), not O(n · seeds), and large test sets stay fast.
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
        if (seeds > Long.SIZE - 1) {
            throw new IllegalArgumentException("at most " + (Long.SIZE - 1) + " seeds, not " + seeds);
        }
        int n = correct[0].length;
        TreeMap<Long, Integer> patterns = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long mask = 0;
            for (int s = 0; s < seeds; s++) {
                if (correct[s].length != n) {
                    throw new IllegalArgumentException("seeds with different numbers of test images");
                }
                mask |= correct[s][i] ? 1L << s : 0;
            }
            patterns.merge(mask, 1, Integer::sum);
        }
        long[] masks = patterns.keySet().stream().mapToLong(Long::longValue).toArray();
        int[] counts = patterns.values().stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        UniformRandomProvider rng = random::nextLong;
        double[] means = new double[replicates];
        int[] picks = new int[seeds];
        for (int b = 0; b < replicates; b++) {
            Arrays.fill(picks, 0);
            for (int s = 0; s < seeds; s++) {
                picks[seeds == 1 ? 0 : random.nextInt(seeds)]++;
            }
            int remaining = n;
            int pool = n;
            long hits = 0;
            for (int j = 0; j < masks.length; j++) {
                int drawn = j == masks.length - 1 ? remaining : binomial(remaining, (double) counts[j] / pool, rng);
                remaining -= drawn;
                pool -= counts[j];
                int weight = 0;
                for (int s = 0; s < seeds; s++) {
                    weight += (masks[j] >>> s & 1L) == 1L ? picks[s] : 0;
                }
                hits += (long) drawn * weight;
            }
            means[b] = 100.0 * hits / ((long) n * seeds);
        }
        double alpha = 1 - level;
        return new Interval(percentile(means, 100 * alpha / 2), percentile(means, 100 * (1 - alpha / 2)), level);
    }

    private static int binomial(int trials, double p, UniformRandomProvider rng) {
        if (trials == 0 || p <= 0) {
            return 0;
        }
        return p >= 1 ? trials : BinomialDistribution.of(trials, p).createSampler(rng).sample();
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
