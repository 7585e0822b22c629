package org.peft4j.methods.vpt_deep;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.PromptHyperparameters;

/**
 * Provides {@code vpt_deep} ({@code docs/methods.md#vpt_deep}). Hyperparameters: {@code prompts}
 * (reference {@code vpt_num}, grid 5, 10, 50, 100, default 50, the study's median VTAB choice) and
 * {@code dropout} (reference {@code vpt_dropout}, 0.1).
 */
public final class VptDeepProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public VptDeepProvider() {
        super("vpt_deep", "VPT-deep: learnable prompt tokens prepended before every block",
                "Jia et al., Visual Prompt Tuning, ECCV 2022",
                HyperparameterSchema.of(
                        PromptHyperparameters.prompts(50, List.of(5, 10, 50, 100), "vpt_num"),
                        PromptHyperparameters.dropout("key vpt_dropout")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new VptDeep(hyperparameters.getInt(PromptHyperparameters.PROMPTS),
                hyperparameters.getDouble(PromptHyperparameters.DROPOUT));
    }
}
