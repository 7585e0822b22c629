package org.peft4j.methods.fact_tt;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.fact.Fact;
import org.peft4j.methods.fact.FactSettings;

/** Registers {@code fact_tt}: FacT with tensor-train cores (METHODS.md b.13). */
public final class FactTtProvider implements PeftMethodProvider {

    private static final HyperparameterSchema SCHEMA = FactSettings.schema(32, List.of(8, 16, 32));

    @Override
    public String name() {
        return "fact_tt";
    }

    @Override
    public String description() {
        return "FacT-TT: all weight updates factorised as V·Σ·U with shared U, V and per-block cores; mergeable";
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
        return new Fact(FactSettings.from(hyperparameters), new TensorTrainCores.Variant());
    }
}
