package org.peft4j.methods.selective;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.common.StudyCitation;

/**
 * Provides {@code selective}. Hyperparameters: {@code part} (one of attn_qkv, attn_proj, attn,
 * mlp_fc1, mlp_fc2, mlp, block; reference {@code attention_type}/{@code mlp_type}/{@code
 * block_index}) and {@code blocks}, the number of last blocks trained (reference index lists such
 * as {@code 9,10,11}), default 1. Not tuned; the study ran it only on many-shot CIFAR.
 */
public final class SelectiveTuningProvider implements PeftMethodProvider {

    /** Key of the trained part. */
    static final String PART = "part";

    /** Key of the number of last blocks trained. */
    static final String BLOCKS = "blocks";

    @Override
    public String name() {
        return "selective";
    }

    @Override
    public String description() {
        return "Selective tuning: one part (qkv, proj, attention, fc1, fc2, MLP or block) of the last blocks";
    }

    @Override
    public String citation() {
        return StudyCitation.MAI_2024;
    }

    @Override
    public HyperparameterSchema schema() {
        return HyperparameterSchema.of(
                Hyperparameter.choice(PART, "block", SelectivePart.keys(),
                        "trained part of each selected block (reference attention_type, mlp_type, block_index)"),
                Hyperparameter.integer(BLOCKS, 1, 1, 1024, List.of(),
                        "number of last blocks trained (reference attention_index, mlp_index, block_index)"));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new SelectiveTuning(SelectivePart.of(hyperparameters.getString(PART)), hyperparameters.getInt(BLOCKS));
    }
}
