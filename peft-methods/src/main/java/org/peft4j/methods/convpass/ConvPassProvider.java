package org.peft4j.methods.convpass;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.AdapterSettings;
import org.peft4j.methods.common.PeftHyperparameters;

/** Registers {@code convpass}: convolutional bypasses beside every attention and MLP (METHODS.md b.11). */
public final class ConvPassProvider implements PeftMethodProvider {

    static final String XAVIER_INIT = "xavier_init";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            AdapterSettings.bottleneck(8, List.of(8, 16), "convpass_bottleneck"),
            PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0, 100.0), "convpass_scaler"),
            Hyperparameter.bool(XAVIER_INIT, false, List.of(true, false),
                    "xavier-uniform 3x3 conv instead of an identity centre tap (reference: convpass_xavier_init)"),
            PeftHyperparameters.dropout("before the up projection"));

    @Override
    public String name() {
        return "convpass";
    }

    @Override
    public String description() {
        return "ConvPass: bottleneck bypass with a 3x3 convolution over the patch grid, parallel to attention and MLP";
    }

    @Override
    public String citation() {
        return "Jie and Deng, Convolutional Bypasses Are Better Vision Transformer Adapters, arXiv:2207.07039, 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new ConvPass(AdapterSettings.from(hyperparameters), hyperparameters.getBoolean(XAVIER_INIT));
    }
}
