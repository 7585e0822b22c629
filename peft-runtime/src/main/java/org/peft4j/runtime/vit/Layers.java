package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import org.peft4j.api.Scalars;

/** Stateless tensor functions of the ViT, with timm's exact semantics. */
final class Layers {

    private Layers() {}

    /**
     * y = x·Wᵀ + b over the last axis. The leading axes are folded into one first: libtorch's C++
     * {@code linear} (which DJL calls) fuses the bias into the GEMM ({@code addmm}) only for 2-D
     * input, and otherwise runs {@code matmul} and a separate in-place {@code add_} over the output.
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        Shape s = x.getShape();
        int last = s.dimension() - 1;
        if (last <= 1) {
            return Linear.linear(x, weight, bias).singletonOrThrow();
        }
        NDArray y = Linear.linear(x.reshape(-1, s.get(last)), weight, bias).singletonOrThrow();
        return y.reshape(s.slice(0, last).add(weight.getShape().get(0)));
    }

    /** LayerNorm over the last axis only, biased variance, the family's eps (not DJL's default). */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, float eps) {
        Shape s = x.getShape();
        return LayerNorm.layerNorm(x, new Shape(s.get(s.dimension() - 1)), weight, bias, eps).singletonOrThrow();
    }

    /** The MLP activation: exact GELU, or QuickGELU x·σ(1.702·x). */
    static NDArray activation(NDArray x, VitFamily.Activation activation) {
        return switch (activation) {
            case GELU -> Activation.gelu(x);
            case QUICK_GELU -> x.mul(Activation.sigmoid(Scalars.mul(x, 1.702)));
        };
    }

    /**
     * Per-sample stochastic depth: keeps each sample with probability 1 − rate and rescales the
     * kept ones by 1 / (1 − rate).
     */
    static NDArray dropPath(NDArray x, float rate) {
        float keep = 1f - rate;
        long[] maskShape = new long[x.getShape().dimension()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = x.getShape().get(0);
        NDArray mask = Scalars.div(Scalars.add(x.getManager().randomUniform(0f, 1f, new Shape(maskShape)), keep).floor(), keep);
        return x.mul(mask);
    }
}
