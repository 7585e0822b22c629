package org.peft4j.eval.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Forward-pass throughput of a model on one fixed batch: one untimed pass first (allocations,
 * kernel choice), then a number of timed passes in eval mode without autograd.
 */
public final class InferenceSpeed {

    private InferenceSpeed() {}

    /**
     * Times forward passes.
     *
     * @param vit the model, in its current state (with a method attached or merged)
     * @param images the batch, on the model's device
     * @param passes timed passes, at least 1
     * @return images per second over the timed passes
     */
    public static double imagesPerSecond(VisionTransformer vit, NDArray images, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, got " + passes);
        }
        forward(vit, images);
        long start = System.nanoTime();
        for (int i = 0; i < passes; i++) {
            forward(vit, images);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return images.getShape().get(0) * (double) passes / seconds;
    }

    private static void forward(VisionTransformer vit, NDArray images) {
        // Outside a GradientCollector the PyTorch engine runs with autograd off, like no_grad();
        // reading one value waits for the device to finish.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            vit.forward(images, false).getFloat(0, 0);
        }
    }
}
