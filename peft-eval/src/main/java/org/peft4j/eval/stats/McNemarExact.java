package org.peft4j.eval.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * McNemar's exact test of two classifiers on the same test images: a two-sided binomial test with
 * p = 1/2 on the discordant pairs (images one gets right and the other wrong).
 *
 * @param onlyA images only the first classifier gets right
 * @param onlyB images only the second classifier gets right
 * @param p the two-sided p-value
 */
public record McNemarExact(int onlyA, int onlyB, double p) implements PairwiseTest {

    /** The name the report shows. */
    public static final String NAME = "McNemar exact";

    /**
     * The test from discordant counts.
     *
     * @param onlyA images only the first gets right
     * @param onlyB images only the second gets right
     * @return the test; p = 1 without discordant pairs
     */
    public static McNemarExact of(int onlyA, int onlyB) {
        int n = onlyA + onlyB;
        if (n == 0) {
            return new McNemarExact(0, 0, 1.0);
        }
        double tail = BinomialDistribution.of(n, 0.5).cumulativeProbability(Math.min(onlyA, onlyB));
        return new McNemarExact(onlyA, onlyB, Math.min(1.0, 2 * tail));
    }

    /**
     * The test from per-image correctness.
     *
     * @param a the first classifier's correctness per image
     * @param b the second's, on the same images in the same order
     * @return the test
     */
    public static McNemarExact of(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("different test images: " + a.length + " vs " + b.length);
        }
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < a.length; i++) {
            onlyA += a[i] && !b[i] ? 1 : 0;
            onlyB += b[i] && !a[i] ? 1 : 0;
        }
        return of(onlyA, onlyB);
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }
}
