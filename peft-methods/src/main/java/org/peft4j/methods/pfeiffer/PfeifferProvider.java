package org.peft4j.methods.pfeiffer;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.PeftHyperparameters;

/**
 * Registers {@code pfeiffer}: a sequential bottleneck adapter after every MLP
 * ({@code docs/methods.md#pfeiffer}), covering the reference's {@code lora_p_adapter},
 * {@code rand_p_adapter} and {@code zero_adapter} through the {@code init} hyperparameter, each
 * with the study's bottleneck grid: {4, 8, 16, 32, 64} for {@code lora_xavier}, {4, 8, 16, 32}
 * for {@code xavier} and {@code zero}.
 */
public final class PfeifferProvider extends AbstractMethodProvider {

    static final String INIT = "init";

    /** Describes the method. */
    public PfeifferProvider() {
        super("pfeiffer", "Pfeiffer adapter: scaled ReLU bottleneck adapter with residual after each MLP branch",
                "Pfeiffer et al., AdapterFusion: Non-Destructive Task Composition for Transfer Learning, EACL 2021",
                HyperparameterSchema.of(
                        AdapterSettings.bottleneck(32, List.of(4, 8, 16, 32, 64), "adapter_bottleneck"),
                        PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0), "adapter_scaler"),
                        Hyperparameter.choice(INIT, PfeifferInit.class, PfeifferInit.LORA_XAVIER,
                                "adapter init: lora_xavier (lora_p_adapter), xavier (rand_p_adapter) or zero"
                                        + " (zero_adapter) (reference: adapter_init)"),
                        PeftHyperparameters.dropout("inside the adapter, after ReLU"))
                        // the study's grids: lora_p_adapter tunes the bottleneck up to 64, the others up to 32
                        .narrowGrid(AdapterSettings.BOTTLENECK, List.of(4, 8, 16, 32), INIT, "xavier", "zero"));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Pfeiffer(AdapterSettings.from(hyperparameters), hyperparameters.choice(INIT, PfeifferInit.class));
    }
}
