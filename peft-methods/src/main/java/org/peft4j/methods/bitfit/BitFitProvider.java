package org.peft4j.methods.bitfit;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/** Provides {@code bitfit}: bias tuning ({@code docs/methods.md#bitfit}). No hyperparameters. */
public final class BitFitProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public BitFitProvider() {
        super("bitfit", "BitFit: all biases (LayerNorm biases included) are trained",
                "Ben Zaken et al., BitFit: Simple Parameter-efficient Fine-tuning for Transformer-based "
                        + "Masked Language-models, ACL 2022",
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new BitFit();
    }
}
