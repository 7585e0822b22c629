package org.peft4j.methods.ln;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/** Provides {@code ln}: LayerNorm tuning ({@code docs/methods.md#ln}). No hyperparameters. */
public final class LayerNormTuningProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public LayerNormTuningProvider() {
        super("ln", "LayerNorm tuning: the weights and biases of all LayerNorms are trained",
                "Basu et al., Strong Baselines for Parameter-Efficient Few-Shot Fine-Tuning, AAAI 2024",
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new LayerNormTuning();
    }
}
