package org.peft4j.methods.houlsby;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.AdapterSettings;
import org.peft4j.methods.common.PeftHyperparameters;

/**
 * Registers {@code houlsby}: sequential bottleneck adapters after every attention and MLP branch
 * (the reference's {@code rand_h_adapter}, METHODS.md b.10.3).
 */
public final class HoulsbyProvider implements PeftMethodProvider {

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            AdapterSettings.bottleneck(16, List.of(4, 8, 16, 32), "adapter_bottleneck"),
            PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0), "adapter_scaler"),
            PeftHyperparameters.dropout("inside each adapter, after ReLU"));

    @Override
    public String name() {
        return "houlsby";
    }

    @Override
    public String description() {
        return "Houlsby adapter: scaled ReLU bottleneck adapters with residual after each attention and MLP branch";
    }

    @Override
    public String citation() {
        return "Houlsby et al., Parameter-Efficient Transfer Learning for NLP, ICML 2019";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Houlsby(AdapterSettings.from(hyperparameters));
    }
}
