package org.peft4j.examples.ia3;

import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/**
 * Registers {@code ia3}: learned vectors that rescale the attention keys and values and the MLP
 * hidden activation of every block. Listed in
 * {@code META-INF/services/org.peft4j.api.PeftMethodProvider}.
 */
public final class Ia3Provider extends AbstractMethodProvider {

    /** Key of the switch for the MLP vector. */
    static final String MLP = "mlp";

    /** Describes the method. */
    public Ia3Provider() {
        super("ia3", "(IA)³: learned rescaling of keys, values and the MLP hidden activation; mergeable",
                "Liu et al., Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning, "
                        + "NeurIPS 2022",
                HyperparameterSchema.of(
                        Hyperparameter.bool(MLP, true, "also rescale the MLP hidden activation (after GELU)")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Ia3(hyperparameters.getBoolean(MLP));
    }
}
