package org.peft4j.eval.analysis;

import java.util.List;
import java.util.Locale;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * The confusion matrix of one (method, task) on the test split: how many test predictions of each
 * true class went to each predicted class, summed over the final seeds given (every seed predicts
 * the same test images, so the per-class accuracy is the mean over seeds).
 *
 * @param classes the number of classes
 * @param counts {@code counts[true][predicted]}
 */
public record ConfusionMatrix(int classes, long[][] counts) {

    /** The most classes a matrix is made for (its counts take classes² longs). */
    public static final int MAX_CLASSES = 4096;

    /**
     * Counts the predictions of one or more seeds.
     *
     * @param seeds the predictions of each final seed (not empty), all with {@code classes} classes
     * @param classes the task's number of classes
     * @param where what the predictions are, for messages (e.g. {@code lora on shapes})
     * @return the matrix
     * @throws IllegalArgumentException naming {@code where} if a label or prediction is not a class
     */
    public static ConfusionMatrix of(List<Predictions> seeds, int classes, String where) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no predictions of " + where);
        }
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException(where + " has " + classes + " classes; a confusion matrix is made for 1 to "
                    + MAX_CLASSES + " classes");
        }
        long[][] counts = new long[classes][classes];
        for (Predictions p : seeds) {
            for (int i = 0; i < p.size(); i++) {
                int label = p.labels()[i];
                int predicted = p.predictions()[i];
                if (label < 0 || label >= classes || predicted < 0 || predicted >= classes) {
                    throw new IllegalArgumentException("the predictions of " + where + " have label " + label
                            + " and prediction " + predicted + " at example " + i + ", outside the task's " + classes
                            + " classes; the predictions file does not belong to this task, delete the trial folder");
                }
                counts[label][predicted]++;
            }
        }
        return new ConfusionMatrix(classes, counts);
    }

    /**
     * Test predictions of a true class.
     *
     * @param label the class
     * @return the row sum
     */
    public long examples(int label) {
        long sum = 0;
        for (long c : counts[label]) {
            sum += c;
        }
        return sum;
    }

    /**
     * Accuracy on a true class, in percent.
     *
     * @param label the class
     * @return correct over examples, NaN for a class without test examples
     */
    public double accuracy(int label) {
        long n = examples(label);
        return n == 0 ? Double.NaN : 100.0 * counts[label][label] / n;
    }

    /**
     * The per-class accuracy as CSV: {@code class,examples,correct,accuracy}, one line per class.
     *
     * @return CSV text with a header line
     */
    public String perClassCsv() {
        StringBuilder out = new StringBuilder("class,examples,correct,accuracy\n");
        for (int c = 0; c < classes; c++) {
            double acc = accuracy(c);
            out.append(c).append(',').append(examples(c)).append(',').append(counts[c][c]).append(',')
                    .append(Double.isNaN(acc) ? "" : String.format(Locale.ROOT, "%.4f", acc)).append('\n');
        }
        return out.toString();
    }

    /**
     * The matrix as CSV: a header {@code true\predicted,0,1,...}, then one line per true class.
     *
     * @return CSV text
     */
    public String csv() {
        StringBuilder out = new StringBuilder("true\\predicted");
        for (int c = 0; c < classes; c++) {
            out.append(',').append(c);
        }
        out.append('\n');
        for (int t = 0; t < classes; t++) {
            out.append(t);
            for (int c = 0; c < classes; c++) {
                out.append(',').append(counts[t][c]);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
