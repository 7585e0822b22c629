package org.peft4j.methods.adaptformer;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.AdapterSettings;
import org.peft4j.methods.common.PeftHyperparameters;

/** Registers {@code adaptformer}: a parallel bottleneck adapter beside every MLP (METHODS.md b.10.1). */
public final class AdaptFormerProvider implements PeftMethodProvider {

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            AdapterSettings.bottleneck(32, List.of(4, 16, 32), "adapter_bottleneck"),
            PeftHyperparameters.scale(0.1, List.of(0.05, 0.1, 0.2), "adapter_scaler"),
            PeftHyperparameters.dropout("inside the adapter, after ReLU"));

    @Override
    public String name() {
        return "adaptformer";
    }

    @Override
    public String description() {
        return "AdaptFormer: scaled ReLU bottleneck adapter in parallel to each MLP, reading the residual stream";
    }

    @Override
    public String citation() {
        return "Chen et al., AdaptFormer: Adapting Vision Transformers for Scalable Visual Recognition, NeurIPS 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new AdaptFormer(AdapterSettings.from(hyperparameters));
    }
}
