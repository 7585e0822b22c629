package org.peft4j.methods.fact_tk;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.fact.Fact;
import org.peft4j.methods.fact.FactSettings;

/** Registers {@code fact_tk}: FacT with a Tucker core shared by all blocks (METHODS.md b.13). */
public final class FactTkProvider implements PeftMethodProvider {

    private static final HyperparameterSchema SCHEMA = FactSettings.schema(64, List.of(16, 32, 64));

    @Override
    public String name() {
        return "fact_tk";
    }

    @Override
    public String description() {
        return "FacT-TK: all weight updates from one Tucker factorisation (U, V, P, core) of the stacked weights; mergeable";
    }

    @Override
    public String citation() {
        return "Jie and Deng, FacT: Factor-Tuning for Lightweight Adaptation on Vision Transformer, AAAI 2023";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Fact(FactSettings.from(hyperparameters), new TuckerCores.Variant());
    }
}
