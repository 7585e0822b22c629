package org.peft4j.eval.manyshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.peft4j.runtime.data.Sample;

/** Seeded, stratified carving of many-shot splits out of the training data. */
class StratifiedSplitTest {

    /** Class 0: 10 examples, class 1: 20, class 2: 5, interleaved. */
    private static List<Sample> training() {
        List<Sample> out = new ArrayList<>();
        int[] sizes = {10, 20, 5};
        int[] seen = new int[3];
        for (int i = 0; out.size() < 35; i++) {
            int label = i % 3;
            if (seen[label] < sizes[label]) {
                out.add(new Sample("c" + label + "/" + seen[label]++ + ".png", label, 0));
            }
        }
        return out;
    }

    private static Map<Integer, Long> perClass(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(Sample::label, Collectors.counting()));
    }

    @Test
    void countsAndFractionsPerClass() {
        List<Sample> data = training();
        StratifiedSplit.Parts byCount = StratifiedSplit.take(data, PerClass.parse("4", "x"), 1, false);
        assertEquals(Map.of(0, 4L, 1, 4L, 2, 4L), perClass(byCount.chosen()));
        assertEquals(35 - 12, byCount.rest().size());
        StratifiedSplit.Parts byFraction = StratifiedSplit.take(data, PerClass.parse("20%", "x"), 1, false);
        assertEquals(Map.of(0, 2L, 1, 4L, 2, 1L), perClass(byFraction.chosen()));
    }

    @Test
    void validationIsCarvedOutOfTheTrainingSubset() {
        StratifiedSplit.ManyShot s = StratifiedSplit.manyShot(training(), PerClass.parse("5", "x"),
                PerClass.parse("0.2", "x"), 42);
        assertEquals(15, s.trainval().size());
        assertEquals(Map.of(0, 1L, 1, 1L, 2, 1L), perClass(s.val()));
        assertEquals(12, s.train().size());
        HashSet<Sample> union = new HashSet<>(s.train());
        union.addAll(s.val());
        assertEquals(new HashSet<>(s.trainval()), union, "train and val partition the training subset");
        assertTrue(s.train().stream().noneMatch(s.val()::contains));
        List<Sample> order = new ArrayList<>(training());
        order.retainAll(s.trainval());
        assertEquals(order, s.trainval(), "source order is kept");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        PerClass five = PerClass.parse("5", "x");
        PerClass val = PerClass.parse("2", "x");
        assertEquals(StratifiedSplit.manyShot(training(), five, val, 7), StratifiedSplit.manyShot(training(), five, val, 7));
        assertNotEquals(StratifiedSplit.manyShot(training(), five, val, 7).trainval(),
                StratifiedSplit.manyShot(training(), five, val, 8).trainval());
        assertEquals(35, StratifiedSplit.manyShot(training(), null, val, 7).trainval().size());
    }

    @Test
    void tooFewExamplesAndBadAmountsAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.take(training(), PerClass.parse("6", "x"), 1, false));
        assertTrue(e.getMessage().startsWith("class 2 has 5 examples, too few to take 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.manyShot(training(), PerClass.parse("5", "x"), PerClass.parse("5", "x"), 1));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PerClass.parse("ten", "--train-per-class"));
        assertTrue(bad.getMessage().startsWith("--train-per-class 'ten' is not a per-class amount"));
        assertThrows(IllegalArgumentException.class, () -> PerClass.parse("150%", "x"));
    }
}
