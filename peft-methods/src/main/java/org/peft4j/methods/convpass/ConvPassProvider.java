package org.peft4j.methods.convpass;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.PeftHyperparameters;

/** Registers {@code convpass}: convolutional bypasses beside every attention and MLP ({@code docs/methods.md#convpass}). */
public final class ConvPassProvider extends AbstractMethodProvider {

    static final String XAVIER_INIT = "xavier_init";

    /** Describes the method. */
    public ConvPassProvider() {
        super("convpass",
                "ConvPass: bottleneck bypass with a 3x3 convolution over the patch grid, parallel to attention and MLP",
                "Jie and Deng, Convolutional Bypasses Are Better Vision Transformer Adapters, arXiv:2207.07039, 2022",
                HyperparameterSchema.of(
                        AdapterSettings.bottleneck(8, List.of(8, 16), "convpass_bottleneck"),
                        PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0, 100.0), "convpass_scaler"),
                        Hyperparameter.bool(XAVIER_INIT, false, List.of(true, false),
                                "xavier-uniform 3x3 conv instead of an identity centre tap"
                                        + " (reference: convpass_xavier_init)"),
                        PeftHyperparameters.dropout("before the up projection")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new ConvPass(AdapterSettings.from(hyperparameters), hyperparameters.getBoolean(XAVIER_INIT));
    }
}
