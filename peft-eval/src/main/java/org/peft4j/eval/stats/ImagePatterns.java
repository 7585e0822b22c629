package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The test images of one task grouped by correctness pattern: bit r of a pattern is whether row r
 * (a seed of a method) got the image right. Resampling the n images with replacement only matters
 * through how many images of each pattern are drawn, a multinomial draw sampled as a chain of
 * binomials, so a bootstrap replicate costs O(patterns), not O(n · rows); with many patterns
 * for few images, drawing the image indices themselves (O(n)) is cheaper, see {@link #draw}.
 */
final class ImagePatterns {

    /** At most this many rows fit the bits of a pattern. */
    static final int MAX_ROWS = Long.SIZE - 1;

    /** A binomial draw costs roughly this many image draws (about 9 µs against a few ns, measured here). */
    private static final long BINOMIAL_COST = 1000;

    private final int images;
    private final long[] masks;
    private final int[] counts;
    private final int[] patternOf;

    /**
     * Groups the images.
     *
     * @param correct correctness per row (seed) and test image; rows of equal length
     */
    ImagePatterns(boolean[][] correct) {
        int rows = correct.length;
        if (rows == 0 || correct[0].length == 0) {
            throw new IllegalArgumentException("no predictions to bootstrap");
        }
        if (rows > MAX_ROWS) {
            throw new IllegalArgumentException("at most " + MAX_ROWS + " seeds, not " + rows);
        }
        images = correct[0].length;
        long[] imageMasks = new long[images];
        TreeMap<Long, Integer> patterns = new TreeMap<>();
        for (int i = 0; i < images; i++) {
            for (int r = 0; r < rows; r++) {
                if (correct[r].length != images) {
                    throw new IllegalArgumentException("seeds with different numbers of test images");
                }
                imageMasks[i] |= correct[r][i] ? 1L << r : 0;
            }
            patterns.merge(imageMasks[i], 1, Integer::sum);
        }
        masks = patterns.keySet().stream().mapToLong(Long::longValue).toArray();
        counts = patterns.values().stream().mapToInt(Integer::intValue).toArray();
        patternOf = new int[images];
        for (int i = 0; i < images; i++) {
            patternOf[i] = Arrays.binarySearch(masks, imageMasks[i]);
        }
    }

    /** @return the number of test images n */
    int images() {
        return images;
    }

    /** @return the number of distinct patterns */
    int size() {
        return masks.length;
    }

    /**
     * @param j a pattern index
     * @return the pattern's bits
     */
    long mask(int j) {
        return masks[j];
    }

    /**
     * Resamples the n images with replacement.
     *
     * @param rng the random source
     * @return how many images of each pattern were drawn, summing to n
     */
    int[] resample(UniformRandomProvider rng) {
        int[] drawn = new int[masks.length];
        int remaining = images;
        int pool = images;
        for (int j = 0; j < masks.length; j++) {
            drawn[j] = j == masks.length - 1 ? remaining : binomial(remaining, (double) counts[j] / pool, rng);
            remaining -= drawn[j];
            pool -= counts[j];
        }
        return drawn;
    }

    /**
     * Resamples the n images with replacement the cheaper way: by the binomial chain of
     * {@link #resample}, or, with many patterns for few images, by drawing n image indices.
     *
     * @param rng the random source
     * @return how many images of each pattern were drawn, summing to n
     */
    int[] draw(UniformRandomProvider rng) {
        if (masks.length * BINOMIAL_COST <= images) {
            return resample(rng);
        }
        int[] drawn = new int[masks.length];
        for (int i = 0; i < images; i++) {
            drawn[patternOf[rng.nextInt(images)]]++;
        }
        return drawn;
    }

    /**
     * Right answers summed over the drawn images and the picked rows.
     *
     * @param drawn images drawn per pattern, from {@link #resample}
     * @param picks how many times each row was picked, index = row offset by {@code first}
     * @param first the row of {@code picks[0]}
     * @return the number of right answers
     */
    long hits(int[] drawn, int[] picks, int first) {
        long hits = 0;
        for (int j = 0; j < masks.length; j++) {
            int weight = 0;
            for (int r = 0; r < picks.length; r++) {
                weight += (masks[j] >>> (first + r) & 1L) == 1L ? picks[r] : 0;
            }
            hits += (long) drawn[j] * weight;
        }
        return hits;
    }

    private static int binomial(int trials, double p, UniformRandomProvider rng) {
        if (trials == 0 || p <= 0) {
            return 0;
        }
        return p >= 1 ? trials : BinomialDistribution.of(trials, p).createSampler(rng).sample();
    }
}
