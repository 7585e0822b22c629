package org.peft4j.methods.vqt;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.PromptHyperparameters;

/**
 * Provides {@code vqt} ({@code docs/methods.md#vqt}). Hyperparameters: {@code prompts}, query
 * tokens per block (reference {@code vqt_num}; the study has no VQT config, so the grid 5, 10, 50
 * and default 10 are peft4j's choice, spanning the lower VPT-deep sizes) and {@code dropout}
 * (reference 0.1, hard-coded).
 */
public final class VqtProvider extends AbstractMethodProvider {

    /** Describes the method. */
    public VqtProvider() {
        super("vqt", "VQT: per-block query tokens that read intermediate features, combined with CLS at the head",
                "Tu et al., Visual Query Tuning: Towards Effective Usage of Intermediate Representations "
                        + "for Parameter and Memory Efficient Transfer Learning, CVPR 2023",
                HyperparameterSchema.of(
                        PromptHyperparameters.prompts(10, List.of(5, 10, 50), "vqt_num"),
                        PromptHyperparameters.dropout("hard-coded")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Vqt(hyperparameters.getInt(PromptHyperparameters.PROMPTS),
                hyperparameters.getDouble(PromptHyperparameters.DROPOUT));
    }
}
