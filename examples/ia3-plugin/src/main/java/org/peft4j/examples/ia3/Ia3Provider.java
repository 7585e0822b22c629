package org.peft4j.examples.ia3;

import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/**
 * Registers {@code ia3}: learned vectors that rescale the attention keys and values and the MLP
 * hidden activation of every block. Listed in
 * {@code META-INF/services/org.peft4j.api.PeftMethodProvider}.
 */
public final class Ia3Provider implements PeftMethodProvider {

    /** Key of the switch for the MLP vector. */
    static final String MLP = "mlp";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            Hyperparameter.bool(MLP, true, "also rescale the MLP hidden activation (after GELU)"));

    @Override
    public String name() {
        return "ia3";
    }

    @Override
    public String description() {
        return "(IA)³: learned rescaling of keys, values and the MLP hidden activation; mergeable";
    }

    @Override
    public String citation() {
        return "Liu et al., Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning, "
                + "NeurIPS 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Ia3(hyperparameters.getBoolean(MLP));
    }
}
