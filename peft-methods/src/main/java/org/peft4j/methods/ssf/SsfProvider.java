package org.peft4j.methods.ssf;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/** Provides {@code ssf}: scaling and shifting of features ({@code docs/methods.md#ssf}). No hyperparameters. */
public final class SsfProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public SsfProvider() {
        super("ssf", "SSF: learnable per-channel scale and shift after every affine layer; mergeable",
                "Lian et al., Scaling & Shifting Your Features: A New Baseline for Efficient Model Tuning, NeurIPS 2022",
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Ssf();
    }
}
