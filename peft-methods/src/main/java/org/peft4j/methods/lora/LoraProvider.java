package org.peft4j.methods.lora;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.PeftHyperparameters;

/** Registers {@code lora}: a low-rank update of every block's fused qkv projection (METHODS.md b.9). */
public final class LoraProvider implements PeftMethodProvider {

    static final String RANK = "rank";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            PeftHyperparameters.width(RANK, 8, List.of(1, 8, 16, 32),
                    "rank r of the qkv update B·A (reference: lora_bottleneck)"),
            PeftHyperparameters.dropout("on the LoRA input"));

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public String description() {
        return "LoRA: trainable rank-r update B·A of each block's fused qkv weight; mergeable";
    }

    @Override
    public String citation() {
        return "Hu et al., LoRA: Low-Rank Adaptation of Large Language Models, ICLR 2022";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Lora(hyperparameters.getInt(RANK), (float) hyperparameters.getDouble(PeftHyperparameters.DROPOUT));
    }
}
