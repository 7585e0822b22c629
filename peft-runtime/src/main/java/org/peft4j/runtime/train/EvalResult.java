package org.peft4j.runtime.train;

/**
 * Evaluation of a model on a split.
 *
 * @param accuracy top-1 accuracy in percent, unrounded
 * @param loss mean cross-entropy
 * @param predictions predicted class per example, in split order
 * @param confidence softmax probability of the predicted class, in split order
 * @param labels true class per example, in split order
 * @param probabilities softmax probabilities, row-major (examples × classes), in split order
 */
public record EvalResult(
        double accuracy, double loss, int[] predictions, float[] confidence, int[] labels, float[] probabilities) {

    /**
     * Number of examples evaluated.
     *
     * @return the count
     */
    public int size() {
        return predictions.length;
    }

    /**
     * Number of classes of the probabilities.
     *
     * @return classes per example, 0 without examples
     */
    public int numClasses() {
        return predictions.length == 0 ? 0 : probabilities.length / predictions.length;
    }
}
