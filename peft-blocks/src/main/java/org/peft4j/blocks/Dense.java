package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/** The affine map of a PyTorch {@code nn.Linear} over the last axis, for method modules. */
public final class Dense {

    private Dense() {}

    /**
     * Computes {@code x·Wᵀ + b}.
     *
     * @param x input (..., in), a tensor of the current step
     * @param weight (out, in)
     * @param bias (out), or null for none
     * @return (..., out)
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }
}
