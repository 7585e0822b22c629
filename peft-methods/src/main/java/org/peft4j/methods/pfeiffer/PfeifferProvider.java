package org.peft4j.methods.pfeiffer;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.AdapterSettings;
import org.peft4j.methods.common.PeftHyperparameters;

/**
 * Registers {@code pfeiffer}: a sequential bottleneck adapter after every MLP (METHODS.md b.10.2),
 * covering the reference's {@code lora_p_adapter}, {@code rand_p_adapter} and {@code zero_adapter}
 * through the {@code init} hyperparameter.
 */
public final class PfeifferProvider implements PeftMethodProvider {

    static final String INIT = "init";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            AdapterSettings.bottleneck(32, List.of(4, 8, 16, 32, 64), "adapter_bottleneck"),
            PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0), "adapter_scaler"),
            Hyperparameter.choice(INIT, PfeifferInit.LORA_XAVIER.key(), PfeifferInit.keys(),
                    "adapter init: lora_xavier (lora_p_adapter), xavier (rand_p_adapter) or zero (zero_adapter)"
                            + " (reference: adapter_init)"),
            PeftHyperparameters.dropout("inside the adapter, after ReLU"));

    @Override
    public String name() {
        return "pfeiffer";
    }

    @Override
    public String description() {
        return "Pfeiffer adapter: scaled ReLU bottleneck adapter with residual after each MLP branch";
    }

    @Override
    public String citation() {
        return "Pfeiffer et al., AdapterFusion: Non-Destructive Task Composition for Transfer Learning, EACL 2021";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Pfeiffer(AdapterSettings.from(hyperparameters), PfeifferInit.of(hyperparameters.getString(INIT)));
    }
}
