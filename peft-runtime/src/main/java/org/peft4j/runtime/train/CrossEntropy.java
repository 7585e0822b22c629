package org.peft4j.runtime.train;

import ai.djl.ndarray.NDArray;

/** Mean cross-entropy of logits against integer labels, as {@code torch.nn.functional.cross_entropy}. */
public final class CrossEntropy {

    private CrossEntropy() {}

    /**
     * Computes the loss.
     *
     * @param logits (B, C)
     * @param labels (B) integer class indices
     * @return a scalar
     */
    public static NDArray loss(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.mul(labels.oneHot((int) logits.getShape().get(1))).sum(new int[] {1});
        return picked.mean().neg();
    }
}
