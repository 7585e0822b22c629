package org.peft4j.eval.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/** Similarity measures, ensembles, ranks and interpolation on hand-computed cases. */
class PredictionSimilarityTest {

    private static final double EPS = 1e-12;

    /** Labels 0 1 2 0 1 2 (3 classes); probabilities put {@code top} on the prediction, the rest evenly. */
    static Predictions predictions(int[] predicted, float[] top) {
        int[] labels = {0, 1, 2, 0, 1, 2};
        float[] probs = new float[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < 3; k++) {
                probs[i * 3 + k] = k == predicted[i] ? top[i] : (1 - top[i]) / 2;
            }
        }
        return new Predictions(labels, predicted, probs, 3);
    }

    private static final float[] SURE = {0.95f, 0.95f, 0.5f, 0.5f, 0.95f, 0.4f};
    private static final float[] UNSURE = {0.95f, 0.5f, 0.5f, 0.92f, 0.95f, 0.6f};

    //                                                   errors at 3, 5
    private static final Predictions A = predictions(new int[] {0, 1, 2, 1, 1, 0}, SURE);
    //                                                   errors at 1, 3, 4
    private static final Predictions B = predictions(new int[] {0, 0, 2, 2, 2, 2}, UNSURE);

    @Test
    void agreementErrorOverlapAndConfidentOverlap() {
        // same class at 0, 2: 2 of 6
        assertEquals(2.0 / 6, PredictionSimilarity.agreement(A, B), EPS);
        // errors {3, 5} and {1, 3, 4}: one shared of four
        assertEquals(1.0 / 4, PredictionSimilarity.errorOverlap(A, B), EPS);
        // confident (>= 0.9) {0, 1, 4} and {0, 3, 4}: two shared of four
        assertEquals(2.0 / 4, PredictionSimilarity.confidentOverlap(A, B, 0.9), EPS);
        assertEquals(1.0, PredictionSimilarity.agreement(A, A), EPS);
        // nobody confident at 0.99: identical (empty) sets
        assertEquals(1.0, PredictionSimilarity.confidentOverlap(A, B, 0.99), EPS);
    }

    @Test
    void matricesAreSymmetricAndAveragedWhereDefined() {
        SimilarityMatrix m = SimilarityMatrix.of(Measure.ERROR_OVERLAP, List.of("a", "b", "c"), Map.of("a", A, "b", B),
                0.9);
        assertEquals(0.25, m.get("a", "b"), EPS);
        assertEquals(0.25, m.get("b", "a"), EPS);
        assertEquals(1.0, m.get("a", "a"), EPS);
        assertEquals(Double.NaN, m.get("a", "c"));
        SimilarityMatrix other = SimilarityMatrix.of(Measure.ERROR_OVERLAP, List.of("a", "b", "c"),
                Map.of("a", A, "b", A, "c", B), 0.9);
        SimilarityMatrix mean = SimilarityMatrix.mean(List.of(m, other));
        assertEquals((0.25 + 1.0) / 2, mean.get("a", "b"), EPS);
        assertEquals(0.25, mean.get("a", "c"), EPS);
    }

    @Test
    void differentTestSetsAreRejected() {
        Predictions shorter = new Predictions(new int[] {0}, new int[] {0}, new float[] {1, 0, 0}, 3);
        assertThrows(IllegalArgumentException.class, () -> PredictionSimilarity.agreement(A, shorter));
    }

    @Test
    void majorityVoteBreaksTiesWithTheAveragedSoftmax() {
        Predictions c = predictions(new int[] {0, 1, 1, 0, 2, 2}, new float[] {0.5f, 0.5f, 0.9f, 0.5f, 0.5f, 0.5f});
        // example 2: votes 2 (A), 2 (B), 1 (C): majority 2
        // example 1: votes 1 (A 0.95), 0 (B 0.5), 1 (C): majority 1
        // example 4: votes 1 (A 0.95), 2 (B 0.95), 2 (C 0.5): majority 2
        // example 5: votes 0 (A 0.4), 2 (B 0.6), 2 (C 0.5): majority 2
        // example 3: votes 1 (A 0.5), 2 (B 0.92), 0 (C 0.5), a three-way tie; mean probabilities
        //   class 0 (0.25 + 0.04 + 0.5) / 3, class 1 (0.5 + 0.04 + 0.25) / 3, class 2 (0.25 + 0.92 + 0.25) / 3 -> 2
        int[] vote = Ensembles.majorityVote(List.of(A, B, c));
        assertEquals(List.of(0, 1, 2, 2, 2, 2), List.of(vote[0], vote[1], vote[2], vote[3], vote[4], vote[5]));
        // two members that disagree everywhere but 0 and 2: ties go to the larger mean probability
        int[] tie = Ensembles.majorityVote(List.of(A, B));
        // example 1: A says 1 at 0.95, B says 0 at 0.5 -> 1; example 3: A 1 at 0.5, B 2 at 0.92 -> 2
        assertEquals(1, tie[1]);
        assertEquals(2, tie[3]);
        assertEquals(tie[1], Ensembles.averagedSoftmax(List.of(A, B))[1]);
        assertEquals(100.0 * 4 / 6, Ensembles.accuracy(A.labels(), A.predictions()), EPS);
    }

    @Test
    void ensembleResultComparesWithTheBestMember() {
        EnsembleResult r = EnsembleResult.of("t", List.of("a", "b", "c"), Map.of("a", A, "b", B));
        assertEquals(List.of("a", "b"), r.members());
        assertEquals("a", r.bestMethod());
        assertEquals(100.0 * 4 / 6, r.bestAccuracy(), EPS);
        assertEquals(null, EnsembleResult.of("t", List.of("a", "b"), Map.of("a", A)));
    }

    @Test
    void fractionalRanksShareTiesAndPutMissingLast() {
        double[] ranks = Ranking.fractional(new double[] {70, 90, Double.NaN, 90, 50, Double.NaN});
        assertEquals(List.of(3.0, 1.5, 5.5, 1.5, 4.0, 5.5),
                List.of(ranks[0], ranks[1], ranks[2], ranks[3], ranks[4], ranks[5]));
    }

    @Test
    void interpolationIsExactAtTheEnds() {
        float[] pre = {1f, -2f, 0.1f};
        float[] ft = {3f, 2f, 0.7f};
        assertEquals(List.of(1f, -2f, 0.1f), boxed(WeightInterpolation.interpolate(pre, ft, 0)));
        assertEquals(List.of(3f, 2f, 0.7f), boxed(WeightInterpolation.interpolate(pre, ft, 1)));
        assertEquals(List.of(1.5f, -1f, 0.25f), boxed(WeightInterpolation.interpolate(pre, ft, 0.25)));
        assertEquals(11, WeightInterpolation.DEFAULT_ALPHAS.size());
        assertEquals(0.3, WeightInterpolation.DEFAULT_ALPHAS.get(3), EPS);
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new java.util.ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
