package org.peft4j.methods.selective;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/**
 * Provides {@code selective} ({@code docs/methods.md#selective}). Hyperparameters: {@code part}
 * (one of attn_qkv, attn_proj, attn, mlp_fc1, mlp_fc2, mlp, block; reference
 * {@code attention_type}/{@code mlp_type}/{@code block_index}) and {@code blocks}, the number of
 * last blocks trained (reference index lists such as {@code 9,10,11}), default 1. Not tuned; the
 * study ran it only on many-shot CIFAR.
 */
public final class SelectiveTuningProvider extends AbstractMethodProvider {

    /** Key of the trained part. */
    static final String PART = "part";

    /** Key of the number of last blocks trained. */
    static final String BLOCKS = "blocks";

    /** Describes the method. */
    public SelectiveTuningProvider() {
        super("selective",
                "Selective tuning: one part (qkv, proj, attention, fc1, fc2, MLP or block) of the last blocks",
                StudyCitation.MAI_2024,
                HyperparameterSchema.of(
                        Hyperparameter.choice(PART, SelectivePart.class, SelectivePart.BLOCK,
                                "trained part of each selected block (reference attention_type, mlp_type, block_index)"),
                        Hyperparameter.integer(BLOCKS, 1, 1, 1024, List.of(),
                                "number of last blocks trained (reference attention_index, mlp_index, block_index)")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new SelectiveTuning(hyperparameters.choice(PART, SelectivePart.class), hyperparameters.getInt(BLOCKS));
    }
}
