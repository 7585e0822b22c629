package org.peft4j.methods.full;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/** Provides {@code full}: full fine-tuning of every parameter ({@code docs/methods.md#full}). No hyperparameters. */
public final class FullFineTuningProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public FullFineTuningProvider() {
        super("full", "Full fine-tuning: every backbone parameter and the head are trained", StudyCitation.MAI_2024,
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new FullFineTuning();
    }
}
