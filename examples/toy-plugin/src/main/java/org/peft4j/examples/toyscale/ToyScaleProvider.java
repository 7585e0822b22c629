package org.peft4j.examples.toyscale;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/**
 * Provider of the {@code toy-scale} method, an example of a third-party plugin: build this module
 * and drop its JAR into the plugins folder.
 */
public final class ToyScaleProvider extends AbstractMethodProvider {

    /** Key of the initial scale. */
    static final String INIT = "init";

    /** Describes the method. */
    public ToyScaleProvider() {
        super("toy-scale", "learnable per-channel scale on the final norm output",
                "peft4j example plugin (not from a paper)",
                HyperparameterSchema.of(
                        Hyperparameter.real(INIT, 1.0, 0.0, 10.0, List.of(), "initial value of every channel's scale")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new ToyScaleMethod((float) hyperparameters.getDouble(INIT));
    }
}
