package org.peft4j.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour of the statistics beyond the SciPy values. */
class StatsTest {

    /** Demšar (2006), Table 5(a), q_0.05 for k = 2..10. */
    private static final double[] DEMSAR_Q05 = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};

    @Test
    void nemenyiReproducesDemsarsTable() {
        for (int k = 2; k <= 10; k++) {
            assertEquals(DEMSAR_Q05[k - 2], Nemenyi.qAlpha(k, 0.05), 0.0015, "k=" + k);
        }
        assertEquals(2.569 * Math.sqrt(4 * 5 / (6.0 * 14)), Nemenyi.criticalDifference(4, 14, 0.05), 1e-3);
    }

    @Test
    void bootstrapIsSeededAndCoversTheMean() {
        boolean[][] correct = {random(new Random(1), 300, 0.7)};
        Interval a = BootstrapInterval.of(correct);
        assertEquals(a, BootstrapInterval.of(correct));
        double acc = mean(correct[0]);
        assertTrue(a.lower() < acc && acc < a.upper(), a + " vs " + acc);
        assertTrue(a.upper() - a.lower() > 5 && a.upper() - a.lower() < 16, a.toString());
    }

    @Test
    void largeTestSetsAreFast() {
        Random r = new Random(4);
        double[] difficulty = difficulty(r, 100_000);
        boolean[][] correct = {seed(r, difficulty), seed(r, difficulty), seed(r, difficulty)};
        long start = System.nanoTime();
        Interval ci = BootstrapInterval.of(correct);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took " + (System.nanoTime() - start) / 1e9 + " s");
        assertTrue(ci.lower() < 68 && ci.upper() > 68 && ci.upper() - ci.lower() < 1.5, ci.toString());
    }

    /** The multinomial shortcut against plain resampling of image indices, by the spread of the replicates. */
    @Test
    void matchesPlainResamplingOfImages() {
        Random r = new Random(5);
        boolean[][] correct = {random(r, 300, 0.7)};
        Interval fast = BootstrapInterval.of(correct, 0.95, 20_000, 3);
        double[] means = new double[20_000];
        for (int b = 0; b < means.length; b++) {
            int hits = 0;
            for (int i = 0; i < 300; i++) {
                hits += correct[0][r.nextInt(300)] ? 1 : 0;
            }
            means[b] = 100.0 * hits / 300;
        }
        assertEquals(BootstrapInterval.percentile(means, 2.5), fast.lower(), 0.34);
        assertEquals(BootstrapInterval.percentile(means, 97.5), fast.upper(), 0.34);
    }

    @Test
    void seedsWidenTheInterval() {
        Random r = new Random(2);
        boolean[] base = random(r, 400, 0.7);
        boolean[][] close = {flip(r, base, 0.01), flip(r, base, 0.01)};
        boolean[][] spread = {random(r, 400, 0.55), random(r, 400, 0.85)};
        Interval c = BootstrapInterval.of(close);
        Interval s = BootstrapInterval.of(spread);
        assertTrue(s.upper() - s.lower() > c.upper() - c.lower(), c + " vs " + s);
    }

    @Test
    void sameMethodTwoSeedsIsNotSignificantButARealDifferenceIs() {
        Random r = new Random(3);
        double[] difficulty = difficulty(r, 500);
        boolean[] seed0 = seed(r, difficulty);
        boolean[] seed1 = seed(r, difficulty);
        assertTrue(McNemarExact.of(seed0, seed1).p() > 0.05, "chance difference: " + McNemarExact.of(seed0, seed1));
        int rejected = 0;
        for (int rep = 0; rep < 400; rep++) {
            rejected += McNemarExact.of(seed(r, difficulty), seed(r, difficulty)).p() < 0.05 ? 1 : 0;
        }
        assertTrue(rejected <= 0.05 * 400 * 1.5, "the exact test keeps its level: " + rejected + " of 400");
        boolean[] better = seed0.clone();
        for (int i = 0, fixed = 0; i < better.length && fixed < 60; i++) {
            if (!better[i]) {
                better[i] = true;
                fixed++;
            }
        }
        assertTrue(McNemarExact.of(seed0, better).p() < 1e-6);
    }

    @Test
    void holmIsMonotoneAndNeverBelowRaw() {
        double[] p = {0.04, 0.001, 0.03, 0.2};
        double[] adj = Holm.adjust(p);
        assertEquals(0.004, adj[1], 1e-12);
        assertEquals(0.09, adj[2], 1e-12);
        assertEquals(0.09, adj[0], 1e-12);
        assertEquals(0.2, adj[3], 1e-12);
    }

    @Test
    void friedmanFindsAConsistentWinner() {
        double[][] scores = new double[8][];
        for (int t = 0; t < scores.length; t++) {
            scores[t] = new double[] {50 + t, 60 + t, 55 + t};
        }
        FriedmanTest f = FriedmanTest.of(scores);
        assertEquals(16.0, f.chiSquare(), 1e-9);
        assertTrue(f.p() < 0.001);
        assertEquals(1.0, f.averageRanks()[1], 1e-12);
        assertTrue(Double.isNaN(f.imanDavenportF()));
    }

    /** Per-image probability of being right: easy (0.95), hard (0.5) or out of reach (0.05). */
    static double[] difficulty(Random r, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            p[i] = u < 0.6 ? 0.95 : u < 0.8 ? 0.5 : 0.05;
        }
        return p;
    }

    /** One training seed of a method: each image right with its own probability, independently. */
    static boolean[] seed(Random r, double[] difficulty) {
        boolean[] out = new boolean[difficulty.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.nextDouble() < difficulty[i];
        }
        return out;
    }

    static boolean[] random(Random r, int n, double p) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble() < p;
        }
        return out;
    }

    /** Symmetric noise: every image is flipped with the given probability. */
    static boolean[] flip(Random r, boolean[] base, double p) {
        boolean[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            if (r.nextDouble() < p) {
                out[i] = !out[i];
            }
        }
        return out;
    }

    private static double mean(boolean[] v) {
        int s = 0;
        for (boolean b : v) {
            s += b ? 1 : 0;
        }
        return 100.0 * s / v.length;
    }
}
