package org.peft4j.eval.analysis;

import java.util.BitSet;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * How alike two methods' test predictions are, measured on the same examples in the same order.
 * Every measure is in [0, 1]; 1 means identical.
 */
public final class PredictionSimilarity {

    /** The confidence threshold of {@link #confidentOverlap} used by reports unless told otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.9;

    private PredictionSimilarity() {}

    /** What is compared. */
    public enum Measure {
        /** Fraction of examples with the same predicted class. */
        AGREEMENT("agreement", "prediction agreement"),
        /** Jaccard index of the sets of misclassified examples. */
        ERROR_OVERLAP("error-overlap", "error overlap (Jaccard)"),
        /** Jaccard index of the sets of examples predicted with confidence at or above the threshold. */
        CONFIDENT_OVERLAP("confident-overlap", "high-confidence overlap (Jaccard)");

        private final String key;
        private final String title;

        Measure(String key, String title) {
            this.key = key;
            this.title = title;
        }

        /**
         * The measure's name in files and JSON.
         *
         * @return e.g. {@code error-overlap}
         */
        public String key() {
            return key;
        }

        /**
         * The measure's name in titles.
         *
         * @return e.g. {@code error overlap (Jaccard)}
         */
        public String title() {
            return title;
        }
    }

    /**
     * A measure between two methods' predictions.
     *
     * @param measure the measure
     * @param a the first method's predictions
     * @param b the second method's predictions, on the same examples
     * @param threshold the confidence threshold (used by {@link Measure#CONFIDENT_OVERLAP} only)
     * @return the value in [0, 1]
     */
    public static double of(Measure measure, Predictions a, Predictions b, double threshold) {
        return switch (measure) {
            case AGREEMENT -> agreement(a, b);
            case ERROR_OVERLAP -> errorOverlap(a, b);
            case CONFIDENT_OVERLAP -> confidentOverlap(a, b, threshold);
        };
    }

    /**
     * Fraction of examples both methods assign the same class.
     *
     * @param a the first method's predictions
     * @param b the second method's predictions
     * @return agreement in [0, 1]; 1 for no examples
     */
    public static double agreement(Predictions a, Predictions b) {
        checkSameExamples(a, b);
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.predictions()[i] == b.predictions()[i] ? 1 : 0;
        }
        return a.size() == 0 ? 1 : (double) same / a.size();
    }

    /**
     * Jaccard index |E_a ∩ E_b| / |E_a ∪ E_b| of the sets of misclassified examples.
     *
     * @param a the first method's predictions
     * @param b the second method's predictions
     * @return the index in [0, 1]; 1 when neither method makes an error
     */
    public static double errorOverlap(Predictions a, Predictions b) {
        checkSameExamples(a, b);
        return jaccard(errors(a), errors(b));
    }

    /**
     * Jaccard index of the sets of examples each method predicts with a top softmax probability of
     * at least {@code threshold} (whatever the predicted class).
     *
     * @param a the first method's predictions
     * @param b the second method's predictions
     * @param threshold the confidence threshold in (0, 1]
     * @return the index in [0, 1]; 1 when neither method is that confident on any example
     */
    public static double confidentOverlap(Predictions a, Predictions b, double threshold) {
        checkSameExamples(a, b);
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the confidence threshold must be in (0, 1], got " + threshold);
        }
        return jaccard(confident(a, threshold), confident(b, threshold));
    }

    /**
     * The examples a method misclassifies.
     *
     * @param p the predictions
     * @return the set of example indices
     */
    static BitSet errors(Predictions p) {
        BitSet out = new BitSet(p.size());
        for (int i = 0; i < p.size(); i++) {
            if (p.predictions()[i] != p.labels()[i]) {
                out.set(i);
            }
        }
        return out;
    }

    /**
     * The examples whose largest probability is at least the threshold.
     *
     * @param p the predictions
     * @param threshold the threshold
     * @return the set of example indices
     */
    static BitSet confident(Predictions p, double threshold) {
        BitSet out = new BitSet(p.size());
        int c = p.classes();
        for (int i = 0; i < p.size(); i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, p.probabilities()[i * c + k]);
            }
            if (max >= threshold) {
                out.set(i);
            }
        }
        return out;
    }

    private static double jaccard(BitSet x, BitSet y) {
        BitSet union = (BitSet) x.clone();
        union.or(y);
        if (union.isEmpty()) {
            return 1;
        }
        BitSet both = (BitSet) x.clone();
        both.and(y);
        return (double) both.cardinality() / union.cardinality();
    }

    /**
     * Checks that two prediction sets cover the same examples (same size and labels).
     *
     * @param a one
     * @param b another
     * @throws IllegalArgumentException if they do not
     */
    static void checkSameExamples(Predictions a, Predictions b) {
        if (a.size() != b.size() || !java.util.Arrays.equals(a.labels(), b.labels())) {
            throw new IllegalArgumentException("the predictions cover different test examples (" + a.size() + " and "
                    + b.size() + " examples, or different labels); compare predictions of the same test split");
        }
    }
}
