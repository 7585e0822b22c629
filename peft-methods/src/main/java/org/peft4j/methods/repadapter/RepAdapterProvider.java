package org.peft4j.methods.repadapter;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.PeftHyperparameters;

/** Registers {@code repadapter}: linear adapters before qkv and fc1, mergeable into them ({@code docs/methods.md#repadapter}). */
public final class RepAdapterProvider extends AbstractMethodProvider {

    static final String GROUPS = "groups";

    /** Describes the method. */
    public RepAdapterProvider() {
        super("repadapter",
                "RepAdapter: scaled linear (grouped) adapter with identity path before qkv and fc1; mergeable",
                "Luo et al., Towards Efficient Visual Adaption via Structural Re-parameterization, arXiv:2302.08106, 2023",
                HyperparameterSchema.of(
                        AdapterSettings.bottleneck(16, List.of(8, 16, 32), "repadapter_bottleneck"),
                        PeftHyperparameters.scale(1.0, List.of(0.1, 0.5, 1.0, 5.0, 10.0), "repadapter_scaler"),
                        Hyperparameter.integer(GROUPS, 2, 1, 4096, List.of(),
                                "groups of the up convolution; must divide the bottleneck (reference: repadapter_group)"),
                        PeftHyperparameters.dropout("between the two convolutions")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        AdapterSettings settings = AdapterSettings.from(hyperparameters);
        int groups = hyperparameters.getInt(GROUPS);
        if (settings.bottleneck() % groups != 0) {
            throw new InvalidHyperparameterException(GROUPS, groups + " does not divide bottleneck "
                    + settings.bottleneck() + "; choose a bottleneck that is a multiple of the groups");
        }
        return new RepAdapter(settings, groups);
    }
}
