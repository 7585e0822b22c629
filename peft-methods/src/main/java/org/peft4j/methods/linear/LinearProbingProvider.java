package org.peft4j.methods.linear;

import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/** Provides {@code linear}: linear probing, the head alone is trained ({@code docs/methods.md#linear}). */
public final class LinearProbingProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public LinearProbingProvider() {
        super("linear", "Linear probing: only the classification head is trained", StudyCitation.MAI_2024,
                HyperparameterSchema.of());
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new LinearProbing();
    }
}
