package org.peft4j.methods.difffit;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/** Provides {@code difffit}: branch scales plus biases and LayerNorm weights ({@code docs/methods.md#difffit}). */
public final class DiffFitProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public DiffFitProvider() {
        super("difffit", "DiffFit: learnable scales on each block's branches, plus all biases and LayerNorm weights",
                "Xie et al., DiffFit: Unlocking Transferability of Large Diffusion Models via Simple "
                        + "Parameter-Efficient Fine-Tuning, ICCV 2023",
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new DiffFit();
    }
}
