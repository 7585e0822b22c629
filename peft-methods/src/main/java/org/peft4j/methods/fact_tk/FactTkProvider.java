package org.peft4j.methods.fact_tk;

import java.util.List;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.methods.fact.Fact;
import org.peft4j.methods.fact.FactSettings;

/** Registers {@code fact_tk}: FacT with a Tucker core shared by all blocks ({@code docs/methods.md#fact_tk}). */
public final class FactTkProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public FactTkProvider() {
        super("fact_tk",
                "FacT-TK: all weight updates from one Tucker factorisation (U, V, P, core) of the stacked weights;"
                        + " mergeable",
                FactSettings.CITATION, FactSettings.schema(64, List.of(16, 32, 64)));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Fact(FactSettings.from(hyperparameters), new TuckerCores.Variant());
    }
}
