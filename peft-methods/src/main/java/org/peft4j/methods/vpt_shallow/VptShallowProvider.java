package org.peft4j.methods.vpt_shallow;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.PromptHyperparameters;

/**
 * Provides {@code vpt_shallow} ({@code docs/methods.md#vpt_shallow}). Hyperparameters:
 * {@code prompts} (reference {@code vpt_num}, grid 5, 10, 50, 100, 200, default 100, the study's
 * median VTAB choice) and {@code dropout} (reference {@code vpt_dropout}, 0.1).
 */
public final class VptShallowProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public VptShallowProvider() {
        super("vpt_shallow", "VPT-shallow: learnable prompt tokens prepended before the first block",
                "Jia et al., Visual Prompt Tuning, ECCV 2022",
                HyperparameterSchema.of(
                        PromptHyperparameters.prompts(100, List.of(5, 10, 50, 100, 200), "vpt_num"),
                        PromptHyperparameters.dropout("key vpt_dropout")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new VptShallow(hyperparameters.getInt(PromptHyperparameters.PROMPTS),
                hyperparameters.getDouble(PromptHyperparameters.DROPOUT));
    }
}
