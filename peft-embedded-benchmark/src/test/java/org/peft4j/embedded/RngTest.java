package org.peft4j.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator's draws have the stated ranges and moments, and keys select unrelated streams. */
class RngTest {

    @Test
    void drawsHaveTheirRangesAndMoments() {
        Rng rng = new Rng(42);
        int n = 200_000;
        int[] counts = new int[7];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.uniform(-2, 3);
            assertTrue(u >= -2 && u < 3);
            counts[rng.nextInt(7)]++;
            int b = rng.between(4, 6);
            assertTrue(b >= 4 && b <= 6);
            double g = rng.gaussian();
            sum += g;
            squares += g * g;
        }
        for (int c : counts) {
            assertEquals(n / 7.0, c, 0.03 * n / 7.0);
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, squares / n, 0.02);
    }

    @Test
    void keysSelectStreams() {
        assertEquals(Rng.of(1, 2, 3).nextLong(), Rng.of(1, 2, 3).nextLong());
        assertNotEquals(Rng.of(1, 2, 3).nextLong(), Rng.of(1, 2, 4).nextLong());
        assertNotEquals(Rng.of(1, 2, 3).nextLong(), Rng.of(1, 3, 2).nextLong());
        assertEquals(0xE220A8397B1DCDAFL, new Rng(0).nextLong(), "the first SplitMix64 output from seed 0");
    }
}
