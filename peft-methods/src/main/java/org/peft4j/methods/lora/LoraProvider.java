package org.peft4j.methods.lora;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.blocks.PeftHyperparameters;

/** Registers {@code lora}: a low-rank update of every block's fused qkv projection ({@code docs/methods.md#lora}). */
public final class LoraProvider extends AbstractMethodProvider {

    static final String RANK = "rank";

    /** Describes the method. */
    public LoraProvider() {
        super("lora", "LoRA: trainable rank-r update B·A of each block's fused qkv weight; mergeable",
                "Hu et al., LoRA: Low-Rank Adaptation of Large Language Models, ICLR 2022",
                HyperparameterSchema.of(
                        PeftHyperparameters.width(RANK, 8, List.of(1, 8, 16, 32),
                                "rank r of the qkv update B·A (reference: lora_bottleneck)"),
                        PeftHyperparameters.dropout("on the LoRA input")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Lora(hyperparameters.getInt(RANK), hyperparameters.getDouble(PeftHyperparameters.DROPOUT));
    }
}
