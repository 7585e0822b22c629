package org.peft4j.methods.ln;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** Provides {@code ln}: LayerNorm tuning. No hyperparameters. */
public final class LayerNormTuningProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "ln";
    }

    @Override
    public String description() {
        return "LayerNorm tuning: the weights and biases of all LayerNorms are trained";
    }

    @Override
    public String citation() {
        return "Basu et al., Strong Baselines for Parameter-Efficient Few-Shot Fine-Tuning, AAAI 2024";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of();
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new LayerNormTuning();
    }
}
