package org.peft4j.methods.bitfit;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** Provides {@code bitfit}: bias tuning. No hyperparameters. */
public final class BitFitProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "bitfit";
    }

    @Override
    public String description() {
        return "BitFit: all biases (LayerNorm biases included) are trained";
    }

    @Override
    public String citation() {
        return "Ben Zaken et al., BitFit: Simple Parameter-efficient Fine-tuning for Transformer-based "
                + "Masked Language-models, ACL 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of();
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new BitFit();
    }
}
