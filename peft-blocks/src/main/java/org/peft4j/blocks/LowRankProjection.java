package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;

/**
 * A pair of bias-free linear maps, {@code down} (rank × in) and {@code up} (out × rank): the
 * low-rank factorisation {@code ΔW = up·down} of LoRA, and FacT's shared {@code U} and {@code V}
 * with a core between them. Both weights are created through {@link PeftHost#linearWeight}, so the
 * reference-compat re-initialisation applies to them.
 */
public final class LowRankProjection {

    private final ParameterHandle down;
    private final ParameterHandle up;

    private LowRankProjection(ParameterHandle down, ParameterHandle up) {
        this.down = down;
        this.up = up;
    }

    /**
     * Creates both weights.
     *
     * @param host the backbone being adapted
     * @param downName name of the down weight, e.g. {@code blocks.0.attn.lora.lora_a.weight}
     * @param upName name of the up weight
     * @param in input features
     * @param rank inner width
     * @param out output features
     * @param downInit intended init of the down weight (rank, in)
     * @param upInit intended init of the up weight (out, rank)
     * @return the projection
     */
    public static LowRankProjection create(
            PeftHost host, String downName, String upName, int in, int rank, int out, Init downInit, Init upInit) {
        return new LowRankProjection(
                host.linearWeight(downName, rank, in, downInit), host.linearWeight(upName, out, rank, upInit));
    }

    /**
     * Number of scalars of a projection of these sizes.
     *
     * @param in input features
     * @param rank inner width
     * @param out output features
     * @return rank·(in + out)
     */
    public static long parameters(long in, long rank, long out) {
        return rank * (in + out);
    }

    /**
     * Applies the down map.
     *
     * @param x (..., in)
     * @return (..., rank)
     */
    public NDArray down(NDArray x) {
        return Dense.apply(x, down.array(), null);
    }

    /**
     * Applies the up map.
     *
     * @param z (..., rank)
     * @return (..., out)
     */
    public NDArray up(NDArray z) {
        return Dense.apply(z, up.array(), null);
    }

    /**
     * The weight of {@code up ∘ down}.
     *
     * @return up·down, (out, in)
     */
    public NDArray product() {
        return up.array().matMul(down.array());
    }

    /**
     * The weights of {@code up ∘ core ∘ down} for a stack of cores.
     *
     * @param cores (m, rank, rank), applied as {@code core·(down·x)}
     * @return up·core·down for each core, (m, out, in)
     */
    public NDArray product(NDArray cores) {
        return up.array().matMul(cores).matMul(down.array());
    }
}
