package org.peft4j.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Paired bootstrap test of two methods trained with several seeds on the same test images. Each
 * replicate resamples the seeds with replacement, pairing seed i of A with seed i of B (one uniform
 * draw u picks seed ⌊u·s⌋ of each method with s seeds, max(s_A, s_B) draws), and the test images
 * with replacement, the same images for both methods; the two-sided p-value is
 * min(1, 2 · (1 + min(#{Δ* ≤ 0}, #{Δ* ≥ 0})) / (B + 1)) over the replicates' accuracy differences
 * Δ*. It varies what the bootstrap intervals vary, so the two agree.
 *
 * @param difference the mean accuracy of A minus that of B, in percentage points, on all seeds
 * @param seedsA seeds of A
 * @param seedsB seeds of B
 * @param replicates bootstrap replicates B
 * @param p the two-sided p-value
 */
public record PairedBootstrap(double difference, int seedsA, int seedsB, int replicates, double p)
        implements PairwiseTest {

    /** Replicates used unless told otherwise: enough for p down to 2/10001 ≈ 0.0002 before Holm. */
    public static final int DEFAULT_REPLICATES = 10_000;

    /**
     * The test with the default replicates and {@link BootstrapInterval#DEFAULT_SEED}.
     *
     * @param a correctness of A per seed (rows) and test image
     * @param b correctness of B per seed and the same test images in the same order
     * @return the test
     */
    public static PairedBootstrap of(boolean[][] a, boolean[][] b) {
        return of(a, b, DEFAULT_REPLICATES, BootstrapInterval.DEFAULT_SEED);
    }

    /**
     * The test.
     *
     * @param a correctness of A per seed (rows) and test image
     * @param b correctness of B per seed and the same test images in the same order
     * @param replicates bootstrap replicates B
     * @param seed random seed
     * @return the test
     */
    public static PairedBootstrap of(boolean[][] a, boolean[][] b, int replicates, long seed) {
        if (a.length == 0 || b.length == 0 || a[0].length != b[0].length) {
            throw new IllegalArgumentException("the two methods must have predictions on the same test images, not "
                    + (a.length == 0 ? 0 : a[0].length) + " vs " + (b.length == 0 ? 0 : b[0].length));
        }
        boolean[][] rows = new boolean[a.length + b.length][];
        System.arraycopy(a, 0, rows, 0, a.length);
        System.arraycopy(b, 0, rows, a.length, b.length);
        ImagePatterns patterns = new ImagePatterns(rows);
        int draws = Math.max(a.length, b.length);
        SplittableRandom random = new SplittableRandom(seed);
        UniformRandomProvider rng = random::nextLong;
        int[] picksA = new int[a.length];
        int[] picksB = new int[b.length];
        int atMostZero = 0;
        int atLeastZero = 0;
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(picksA, 0);
            Arrays.fill(picksB, 0);
            for (int d = 0; d < draws; d++) {
                double u = draws == 1 ? 0 : random.nextDouble();
                picksA[(int) (u * a.length)]++;
                picksB[(int) (u * b.length)]++;
            }
            int[] drawn = patterns.draw(rng);
            // both accuracies divide by images · draws, so the sign of Δ* is that of the hit difference
            long delta = patterns.hits(drawn, picksA, 0) - patterns.hits(drawn, picksB, a.length);
            atMostZero += delta <= 0 ? 1 : 0;
            atLeastZero += delta >= 0 ? 1 : 0;
        }
        double p = Math.min(1.0, 2.0 * (1 + Math.min(atMostZero, atLeastZero)) / (replicates + 1));
        return new PairedBootstrap(accuracy(a) - accuracy(b), a.length, b.length, replicates, p);
    }

    /** @return {@code paired bootstrap over seeds and images, B = …} */
    @Override
    public String name() {
        return "paired bootstrap over seeds and images, B = " + replicates;
    }

    /**
     * Mean test accuracy over seeds.
     *
     * @param correct correctness per seed and test image
     * @return accuracy in percent
     */
    static double accuracy(boolean[][] correct) {
        long right = 0;
        for (boolean[] row : correct) {
            for (boolean c : row) {
                right += c ? 1 : 0;
            }
        }
        return 100.0 * right / ((long) correct.length * correct[0].length);
    }
}
