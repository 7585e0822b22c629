package org.peft4j.eval.analysis;

import java.util.List;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * Ensembles of several methods' test predictions on one task: the majority vote of the predicted
 * classes (a tie between classes goes to the one with the larger averaged softmax probability, then
 * to the lower class index), and the arg-max of the averaged softmax probabilities.
 */
public final class Ensembles {

    private Ensembles() {}

    /**
     * The majority vote of the members' predicted classes.
     *
     * @param members predictions of the same examples, at least one
     * @return the ensemble's class per example
     */
    public static int[] majorityVote(List<Predictions> members) {
        check(members);
        Predictions first = members.get(0);
        int n = first.size();
        int c = first.classes();
        float[] mean = meanProbabilities(members);
        int[] out = new int[n];
        int[] votes = new int[c];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(votes, 0);
            for (Predictions m : members) {
                votes[m.predictions()[i]]++;
            }
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (votes[k] > votes[best] || votes[k] == votes[best] && mean[i * c + k] > mean[i * c + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The arg-max of the members' averaged softmax probabilities (lower class index on a tie).
     *
     * @param members predictions of the same examples, at least one
     * @return the ensemble's class per example
     */
    public static int[] averagedSoftmax(List<Predictions> members) {
        check(members);
        int n = members.get(0).size();
        int c = members.get(0).classes();
        float[] mean = meanProbabilities(members);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (mean[i * c + k] > mean[i * c + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Top-1 accuracy of predictions.
     *
     * @param labels true classes
     * @param predictions predicted classes
     * @return accuracy in percent; 0 without examples
     */
    public static double accuracy(int[] labels, int[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predictions.length + " predictions");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += labels[i] == predictions[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : 100.0 * correct / labels.length;
    }

    private static float[] meanProbabilities(List<Predictions> members) {
        float[] sum = new float[members.get(0).probabilities().length];
        for (Predictions m : members) {
            float[] p = m.probabilities();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += p[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= members.size();
        }
        return sum;
    }

    private static void check(List<Predictions> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        Predictions first = members.get(0);
        for (Predictions m : members) {
            PredictionSimilarity.checkSameExamples(first, m);
            if (m.classes() != first.classes()) {
                throw new IllegalArgumentException("ensemble members have " + first.classes() + " and " + m.classes()
                        + " classes; ensemble predictions of the same task");
            }
        }
    }
}
