package org.peft4j.methods.vpt_deep;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.PromptHyperparameters;

/**
 * Provides {@code vpt_deep}. Hyperparameters: {@code prompts} (reference {@code vpt_num}, grid 5,
 * 10, 50, 100, default 50, the study's median VTAB choice) and {@code dropout} (reference
 * {@code vpt_dropout}, 0.1).
 */
public final class VptDeepProvider implements PeftMethodProvider {

    @Override
    public String name() {
        return "vpt_deep";
    }

    @Override
    public String description() {
        return "VPT-deep: learnable prompt tokens prepended before every block";
    }

    @Override
    public String citation() {
        return "Jia et al., Visual Prompt Tuning, ECCV 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of(
                PromptHyperparameters.prompts(50, List.of(5, 10, 50, 100), "vpt_num"),
                PromptHyperparameters.dropout("key vpt_dropout"));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new VptDeep(hyperparameters.getInt(PromptHyperparameters.PROMPTS),
                hyperparameters.getDouble(PromptHyperparameters.DROPOUT));
    }
}
