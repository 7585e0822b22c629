package org.peft4j.examples.dora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.Function;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.blocks.LowRankProjection;

/**
 * One linear layer {@code y = x·Wᵀ + b} (W of shape out × in) adapted by DoRA:
 * {@code W' = diag(m / ‖V‖) · V} with the direction {@code V = W + B·A}, where ‖V‖ holds the
 * norm of each output row of V (the paper's column-wise norm of its d × k layout, as in the
 * authors' and Hugging Face's code) and m is a learnable magnitude per output. A (r × in) starts
 * kaiming-uniform and B (out × r) at zero (a {@link LowRankProjection} from {@code peft-blocks}),
 * m at ‖W‖, so W' = W at first. The gradient flows through the norm as well (the paper's
 * memory-saving detach is not used).
 *
 * <p>The forward pass works on the layer's output: since {@code x·W'ᵀ = (x·Wᵀ + x·Aᵀ·Bᵀ) ⊙ m/‖V‖},
 * the base product already computed is reused and only the low-rank path is added.
 */
final class DoraLayer {

    private static final String A = ".dora_a.weight";
    private static final String B = ".dora_b.weight";
    private static final String M = ".dora_m";

    private final String layer;
    private final ParameterHandle weight;
    private final ParameterHandle bias;
    private final LowRankProjection update;
    private final ParameterHandle magnitude;

    private DoraLayer(String layer, ParameterHandle weight, ParameterHandle bias, LowRankProjection update,
            ParameterHandle magnitude) {
        this.layer = layer;
        this.weight = weight;
        this.bias = bias;
        this.update = update;
        this.magnitude = magnitude;
    }

    /**
     * Declares the parameters of one adapted layer.
     *
     * @param host the backbone being adapted
     * @param layer the base layer's name, e.g. {@code blocks.0.attn.qkv}
     * @param in input features
     * @param out output features
     * @param rank rank of the update
     * @return the layer
     */
    static DoraLayer create(PeftHost host, String layer, int in, int out, int rank) {
        ParameterHandle weight = host.base(layer + ".weight");
        LowRankProjection update = LowRankProjection.create(host, layer + A, layer + B,
                in, rank, out, Init.kaimingUniform(), Init.zeros());
        ParameterHandle magnitude = host.parameter(layer + M, new Shape(out),
                (manager, shape) -> manager.create(initialMagnitude(weight.array()), shape));
        return new DoraLayer(layer, weight, host.base(layer + ".bias"), update, magnitude);
    }

    /**
     * Scalars one adapted layer adds.
     *
     * @param in input features
     * @param out output features
     * @param rank rank of the update
     * @return r·(in + out) + out
     */
    static long parameters(long in, long out, long rank) {
        return LowRankProjection.parameters(in, rank, out) + out;
    }

    /**
     * Puts one layer's tensors under the names of Hugging Face peft's DoRA: {@code lora_A},
     * {@code lora_B} and {@code lora_magnitude_vector}.
     *
     * @param layer the base layer's name
     * @param tensors the adapter file's tensors by peft4j name
     * @param peft where to put them
     */
    static void hfPeftTensors(String layer, Function<String, NDArray> tensors, Map<String, NDArray> peft) {
        peft.put(layer + ".lora_A.weight", tensors.apply(layer + A));
        peft.put(layer + ".lora_B.weight", tensors.apply(layer + B));
        peft.put(layer + ".lora_magnitude_vector", tensors.apply(layer + M));
    }

    /**
     * The adapted layer's output.
     *
     * @param y the base layer's output x·Wᵀ + b, (..., out)
     * @param x the layer's input, (..., in)
     * @return x·W'ᵀ + b
     */
    NDArray forward(NDArray y, NDArray x) {
        NDArray b = bias.array();
        return y.sub(b).add(update.up(update.down(x))).mul(scale()).add(b);
    }

    /** Replaces W by W' in the base weights; the bias is unchanged. */
    void merge(MergeTarget target) {
        target.set(layer + ".weight", direction().mul(scale().expandDims(1)));
    }

    /** m / ‖V‖, one factor per output. */
    private NDArray scale() {
        return magnitude.array().div(rowNorms(direction()));
    }

    /** V = W + B·A. */
    private NDArray direction() {
        return weight.array().add(update.product());
    }

    /** ‖W‖ per output, computed in a scope that frees the temporaries. */
    private static float[] initialMagnitude(NDArray weight) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return rowNorms(weight).toFloatArray();
        }
    }

    /** The L2 norm of each row of a matrix. */
    private static NDArray rowNorms(NDArray matrix) {
        return matrix.square().sum(new int[] {1}).sqrt();
    }
}
