package org.peft4j.methods.difffit;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** Provides {@code difffit}: branch scales plus biases and LayerNorm weights. No hyperparameters. */
public final class DiffFitProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "difffit";
    }

    @Override
    public String description() {
        return "DiffFit: learnable scales on each block's branches, plus all biases and LayerNorm weights";
    }

    @Override
    public String citation() {
        return "Xie et al., DiffFit: Unlocking Transferability of Large Diffusion Models via Simple "
                + "Parameter-Efficient Fine-Tuning, ICCV 2023";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of();
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new DiffFit();
    }
}
