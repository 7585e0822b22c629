package org.peft4j.methods.full;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/** Provides {@code full}: full fine-tuning of every parameter. No hyperparameters. */
public final class FullFineTuningProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "full";
    }

    @Override
    public String description() {
        return "Full fine-tuning: every backbone parameter and the head are trained";
    }

    @Override
    public String citation() {
        return StudyCitation.MAI_2024;
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of();
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new FullFineTuning();
    }
}
