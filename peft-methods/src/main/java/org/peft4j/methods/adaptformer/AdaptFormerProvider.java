package org.peft4j.methods.adaptformer;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.PeftHyperparameters;

/** Registers {@code adaptformer}: a parallel bottleneck adapter beside every MLP ({@code docs/methods.md#adaptformer}). */
public final class AdaptFormerProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public AdaptFormerProvider() {
        super("adaptformer",
                "AdaptFormer: scaled ReLU bottleneck adapter in parallel to each MLP, reading the residual stream",
                "Chen et al., AdaptFormer: Adapting Vision Transformers for Scalable Visual Recognition, NeurIPS 2022",
                HyperparameterSchema.of(
                        AdapterSettings.bottleneck(32, List.of(4, 16, 32), "adapter_bottleneck"),
                        PeftHyperparameters.scale(0.1, List.of(0.05, 0.1, 0.2), "adapter_scaler"),
                        PeftHyperparameters.dropout("inside the adapter, after ReLU")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new AdaptFormer(AdapterSettings.from(hyperparameters));
    }
}
