package org.peft4j.methods.linear;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/** Provides {@code linear}: linear probing, the head alone is trained. No hyperparameters. */
public final class LinearProbingProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "Linear probing: only the classification head is trained";
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
        return new LinearProbing();
    }
}
