package org.peft4j.methods.convpass;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.peft4j.api.Scalars;

/** CLIP's QuickGELU, {@code u·σ(1.702·u)}. */
final class QuickGelu {

    private QuickGelu() {}

    static NDArray apply(NDArray u) {
        return u.mul(Activation.sigmoid(Scalars.mul(u, 1.702)));
    }
}
