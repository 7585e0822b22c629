package org.peft4j.eval.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * A symmetric methods × methods matrix of one similarity measure; a cell is NaN where a method
 * has no predictions.
 *
 * @param measure the measure
 * @param methods row and column names, in order
 * @param values {@code values[i][j]} between methods i and j
 */
public record SimilarityMatrix(Measure measure, List<String> methods, double[][] values) {

    /** Copies the list. */
    public SimilarityMatrix {
        methods = List.copyOf(methods);
    }

    /**
     * The matrix of one task.
     *
     * @param measure the measure
     * @param methods the methods in order
     * @param predictions each method's predictions on the task (methods without any are left NaN)
     * @param threshold the confidence threshold
     * @return the matrix
     */
    public static SimilarityMatrix of(Measure measure, List<String> methods, Map<String, Predictions> predictions,
            double threshold) {
        int n = methods.size();
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Predictions a = predictions.get(methods.get(i));
                Predictions b = predictions.get(methods.get(j));
                values[i][j] = a == null || b == null ? Double.NaN
                        : j < i ? values[j][i] : PredictionSimilarity.of(measure, a, b, threshold);
            }
        }
        return new SimilarityMatrix(measure, methods, values);
    }

    /**
     * The cell-wise mean over tasks, each cell over the tasks where it is defined (NaN if none).
     *
     * @param perTask matrices of the same measure and methods
     * @return the mean matrix
     * @throws IllegalArgumentException if the list is empty or the matrices do not match
     */
    public static SimilarityMatrix mean(List<SimilarityMatrix> perTask) {
        if (perTask.isEmpty()) {
            throw new IllegalArgumentException("no matrix to average");
        }
        SimilarityMatrix first = perTask.get(0);
        int n = first.methods.size();
        double[][] sum = new double[n][n];
        int[][] count = new int[n][n];
        for (SimilarityMatrix m : perTask) {
            if (m.measure != first.measure || !m.methods.equals(first.methods)) {
                throw new IllegalArgumentException("matrices of different measures or methods cannot be averaged");
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (!Double.isNaN(m.values[i][j])) {
                        sum[i][j] += m.values[i][j];
                        count[i][j]++;
                    }
                }
            }
        }
        double[][] mean = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mean[i][j] = count[i][j] == 0 ? Double.NaN : sum[i][j] / count[i][j];
            }
        }
        return new SimilarityMatrix(first.measure, first.methods, mean);
    }

    /**
     * One cell.
     *
     * @param a a method
     * @param b another method
     * @return the value, NaN where undefined
     */
    public double get(String a, String b) {
        return values[index(a)][index(b)];
    }

    private int index(String method) {
        int i = methods.indexOf(method);
        if (i < 0) {
            throw new IllegalArgumentException("method '" + method + "' is not in the matrix; it has " + methods);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimilarityMatrix m && m.measure == measure && m.methods.equals(methods)
                && Arrays.deepEquals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * measure.hashCode() + methods.hashCode()) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "SimilarityMatrix[" + measure + ", " + methods + ", " + Arrays.deepToString(values) + "]";
    }
}
