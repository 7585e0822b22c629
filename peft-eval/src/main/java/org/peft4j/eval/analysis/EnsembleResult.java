package org.peft4j.eval.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * Ensembles of the tuned methods on one task against the best single member.
 *
 * @param task the task
 * @param members the methods ensembled, in report order
 * @param majorityVote test accuracy (%) of the majority vote
 * @param averagedSoftmax test accuracy (%) of the averaged softmax
 * @param bestMethod the member with the highest test accuracy (the first in report order on a tie)
 * @param bestAccuracy its test accuracy (%), computed from the same predictions
 */
public record EnsembleResult(String task, List<String> members, double majorityVote, double averagedSoftmax,
        String bestMethod, double bestAccuracy) {

    /** Copies the list. */
    public EnsembleResult {
        members = List.copyOf(members);
    }

    /**
     * Ensembles the methods that have predictions on a task.
     *
     * @param task the task
     * @param methods the methods in report order
     * @param predictions predictions by method (methods without any are left out)
     * @return the result, or null when fewer than two methods have predictions
     */
    public static EnsembleResult of(String task, List<String> methods, Map<String, Predictions> predictions) {
        List<String> members = new ArrayList<>();
        List<Predictions> preds = new ArrayList<>();
        for (String m : methods) {
            if (predictions.containsKey(m)) {
                members.add(m);
                preds.add(predictions.get(m));
            }
        }
        if (members.size() < 2) {
            return null;
        }
        int[] labels = preds.get(0).labels();
        String best = null;
        double bestAcc = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < members.size(); i++) {
            double acc = Ensembles.accuracy(labels, preds.get(i).predictions());
            if (acc > bestAcc) {
                bestAcc = acc;
                best = members.get(i);
            }
        }
        return new EnsembleResult(task, members, Ensembles.accuracy(labels, Ensembles.majorityVote(preds)),
                Ensembles.accuracy(labels, Ensembles.averagedSoftmax(preds)), best, bestAcc);
    }
}
