package org.peft4j.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The paired bootstrap over seeds and images against the cases that motivated it (issue #17). */
class PairedBootstrapTest {

    /**
     * The real run: full scored 66.5 and 50.5 on textures, lora 51.6 and 53.2. The first seeds
     * alone differ by 14.9 points (McNemar p &lt; 0.0001), but the seeds disagree on the sign.
     */
    @Test
    void aLargeSpreadBetweenSeedsIsNotSignificant() {
        Random r = new Random(7);
        int n = 2000;
        boolean[][] full = {exactly(r, n, 1330), exactly(r, n, 1010)};
        boolean[][] lora = {exactly(r, n, 1032), exactly(r, n, 1064)};
        assertTrue(McNemarExact.of(full[0], lora[0]).p() < 1e-4, "the first seeds alone differ");

        PairedBootstrap t = PairedBootstrap.of(full, lora);
        assertEquals(58.5 - 52.4, t.difference(), 1e-9);
        assertTrue(t.p() > 0.2, t.toString());
        Interval fullCi = BootstrapInterval.of(full);
        Interval loraCi = BootstrapInterval.of(lora);
        assertTrue(fullCi.lower() < loraCi.upper(), "the intervals overlap: " + fullCi + " " + loraCi);
    }

    @Test
    void aDifferenceOverSeveralSeedsIsSignificant() {
        Random r = new Random(8);
        int n = 1000;
        boolean[][] a = {exactly(r, n, 700), exactly(r, n, 712), exactly(r, n, 694)};
        boolean[][] b = {exactly(r, n, 620), exactly(r, n, 631), exactly(r, n, 606)};
        PairedBootstrap t = PairedBootstrap.of(a, b);
        assertEquals(2.0 / (PairedBootstrap.DEFAULT_REPLICATES + 1), t.p(), 1e-12, t.toString());
        assertEquals(PairedBootstrap.of(b, a).p(), t.p(), 1e-12);
        assertTrue(t.name().contains("B = 10000"), t.name());
    }

    @Test
    void theSameMethodWithOtherSeedsIsNotSignificant() {
        Random r = new Random(9);
        double[] difficulty = StatsTest.difficulty(r, 800);
        boolean[][] lora = seeds(r, difficulty, 3);
        boolean[][] again = seeds(r, difficulty, 3);
        PairedBootstrap t = PairedBootstrap.of(lora, again);
        assertTrue(t.p() > 0.05, t.toString());
        assertEquals(t, PairedBootstrap.of(lora, again), "seeded");

        int rejected = 0;
        int repetitions = 100;
        for (int rep = 0; rep < repetitions; rep++) {
            rejected += PairedBootstrap.of(seeds(r, difficulty, 3), seeds(r, difficulty, 3), 999, rep).p() < 0.05
                    ? 1 : 0;
        }
        assertTrue(rejected <= 10, "false rejections at α = 0.05: " + rejected + " of " + repetitions);
    }

    @Test
    void unequalSeedCountsUseEverySeed() {
        Random r = new Random(10);
        int n = 500;
        boolean[][] a = {exactly(r, n, 400), exactly(r, n, 300), exactly(r, n, 350)};
        boolean[][] b = {exactly(r, n, 250)};
        PairedBootstrap t = PairedBootstrap.of(a, b);
        assertEquals(70.0 - 50.0, t.difference(), 1e-9);
        assertEquals(3, t.seedsA());
        assertEquals(1, t.seedsB());
        assertTrue(t.p() < 0.01, t.toString());
    }

    /** Drawing image indices and the binomial chain resample alike: same mean and spread of the hits. */
    @Test
    void bothWaysOfResamplingImagesAgree() {
        Random r = new Random(11);
        double[] difficulty = StatsTest.difficulty(r, 2000);
        ImagePatterns patterns = new ImagePatterns(seeds(r, difficulty, 4));
        UniformRandomProvider rng = new SplittableRandom(3)::nextLong;
        int[] picks = {1, 2, 0, 1};
        double[] byImages = new double[20_000];
        double[] byBinomials = new double[byImages.length];
        for (int b = 0; b < byImages.length; b++) {
            byImages[b] = patterns.hits(patterns.draw(rng), picks, 0);
            byBinomials[b] = patterns.hits(patterns.resample(rng), picks, 0);
        }
        double standardError = std(byBinomials) * Math.sqrt(2.0 / byImages.length);
        assertEquals(mean(byBinomials), mean(byImages), 4 * standardError);
        assertEquals(std(byBinomials), std(byImages), 0.03 * std(byBinomials));
    }

    /** A textures-sized test set with five seeds per method, at the default B. */
    @Test
    void fiveSeedsOnATexturesSizedTestSetAreFast() {
        Random r = new Random(12);
        double[] difficulty = StatsTest.difficulty(r, 1880);
        boolean[][] a = seeds(r, difficulty, 5);
        boolean[][] b = seeds(r, difficulty, 5);
        long start = System.nanoTime();
        PairedBootstrap.of(a, b);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 5, "took " + seconds + " s");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    /** n images of which exactly {@code right}, chosen at random, are right. */
    private static boolean[] exactly(Random r, int n, int right) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        boolean[] out = new boolean[n];
        order.subList(0, right).forEach(i -> out[i] = true);
        return out;
    }

    private static boolean[][] seeds(Random r, double[] difficulty, int count) {
        boolean[][] out = new boolean[count][];
        for (int s = 0; s < count; s++) {
            out[s] = StatsTest.seed(r, difficulty);
        }
        return out;
    }
}
