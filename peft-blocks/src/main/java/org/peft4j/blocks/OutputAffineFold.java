package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.peft4j.api.MergeTarget;

/**
 * Folds a per-channel affine map {@code y ↦ y ⊙ s + t}, applied to the output of an affine layer
 * (Linear, LayerNorm or convolution), into that layer: every output channel's weight slice is
 * scaled by s, and {@code b ← s ⊙ b + t}.
 */
public final class OutputAffineFold {

    private OutputAffineFold() {}

    /**
     * Replaces the layer's weight and bias by the folded ones.
     *
     * @param target the model being merged
     * @param weight name of the layer's weight, output channels on axis 0 (any rank)
     * @param bias name of the layer's bias (out)
     * @param scale s (out)
     * @param shift t (out), or null for a pure scale
     */
    public static void fold(MergeTarget target, String weight, String bias, NDArray scale, NDArray shift) {
        NDArray w = target.get(weight);
        long[] axes = new long[w.getShape().dimension()];
        Arrays.fill(axes, 1);
        axes[0] = scale.size();
        try (NDArray s = scale.reshape(new Shape(axes));
                NDArray scaledWeight = w.mul(s);
                NDArray scaledBias = target.get(bias).mul(scale)) {
            target.set(weight, scaledWeight);
            if (shift == null) {
                target.set(bias, scaledBias);
            } else {
                try (NDArray shifted = scaledBias.add(shift)) {
                    target.set(bias, shifted);
                }
            }
        }
    }
}
