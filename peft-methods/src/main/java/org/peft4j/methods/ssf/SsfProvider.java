package org.peft4j.methods.ssf;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** Provides {@code ssf}: scaling and shifting of features. No hyperparameters. */
public final class SsfProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "ssf";
    }

    @Override
    public String description() {
        return "SSF: learnable per-channel scale and shift after every affine layer; mergeable";
    }

    @Override
    public String citation() {
        return "Lian et al., Scaling & Shifting Your Features: A New Baseline for Efficient Model Tuning, NeurIPS 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of();
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Ssf();
    }
}
