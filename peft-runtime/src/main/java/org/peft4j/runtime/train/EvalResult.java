package org.peft4j.runtime.train;

/**
 * Evaluation of a model on a split.
 *
 * @param accuracy top-1 accuracy in percent, unrounded
 * @param loss mean cross-entropy
 * @param predictions predicted class per example, in split order
 * @param confidence softmax probability of the predicted class, in split order
 * @param labels true class per example, in split order
 */
public record EvalResult(double accuracy, double loss, int[] predictions, float[] confidence, int[] labels) {

    /**
     * Number of examples evaluated.
     *
     * @return the count
     */
    public int size() {
        return predictions.length;
    }
}
