package org.peft4j.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import org.peft4j.api.Scalars;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * One optimisation step: forward in training mode, cross-entropy, backward. Gradients accumulate
 * until {@link AdamW#step} applies and clears them.
 */
public final class TrainStep {

    private TrainStep() {}

    /**
     * Runs forward and backward on one batch. Call inside an {@code NDScope} so that the step's
     * tensors are freed.
     *
     * @param vit the model
     * @param images (B, 3, H, W)
     * @param labels (B) integer labels
     * @param lossScale multiplier of the loss before backward (1 / accumulation steps)
     * @return the unscaled loss value; when it is NaN or infinite, nothing is back-propagated
     */
    public static float forwardBackward(VisionTransformer vit, NDArray images, NDArray labels, float lossScale) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = CrossEntropy.loss(vit.forward(images, true), labels);
            float value = loss.getFloat();
            if (Float.isFinite(value)) {
                collector.backward(lossScale == 1f ? loss : Scalars.mul(loss, lossScale));
            }
            return value;
        }
    }
}
