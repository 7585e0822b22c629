package org.peft4j.methods.fact_tt;

import java.util.List;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.methods.fact.Fact;
import org.peft4j.methods.fact.FactSettings;

/** Registers {@code fact_tt}: FacT with tensor-train cores ({@code docs/methods.md#fact_tt}). */
public final class FactTtProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public FactTtProvider() {
        super("fact_tt",
                "FacT-TT: all weight updates factorised as V·Σ·U with shared U, V and per-block cores; mergeable",
                FactSettings.CITATION, FactSettings.schema(32, List.of(8, 16, 32)));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Fact(FactSettings.from(hyperparameters), new TensorTrainCores.Variant());
    }
}
