package org.peft4j.methods.houlsby;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.PeftHyperparameters;

/**
 * Registers {@code houlsby}: sequential bottleneck adapters after every attention and MLP branch
 * (the reference's {@code rand_h_adapter}, {@code docs/methods.md#houlsby}).
 */
public final class HoulsbyProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public HoulsbyProvider() {
        super("houlsby",
                "Houlsby adapter: scaled ReLU bottleneck adapters with residual after each attention and MLP branch",
                "Houlsby et al., Parameter-Efficient Transfer Learning for NLP, ICML 2019",
                HyperparameterSchema.of(
                        AdapterSettings.bottleneck(16, List.of(4, 8, 16, 32), "adapter_bottleneck"),
                        PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0), "adapter_scaler"),
                        PeftHyperparameters.dropout("inside each adapter, after ReLU")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Houlsby(AdapterSettings.from(hyperparameters));
    }
}
