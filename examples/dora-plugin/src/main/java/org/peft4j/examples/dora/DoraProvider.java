package org.peft4j.examples.dora;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AbstractMethodProvider;

/**
 * Registers {@code dora}: weight-decomposed low-rank adaptation of each block's qkv projection
 * (optionally also the attention output projection). Listed in
 * {@code META-INF/services/org.peft4j.api.PeftMethodProvider}.
 */
public final class DoraProvider extends AbstractMethodProvider {

    /** Key of the rank of the low-rank update. */
    static final String RANK = "rank";

    /** Key of the adapted layers: {@code qkv} or {@code qkv_proj}. */
    static final String TARGETS = "targets";

    /** Describes the method. */
    public DoraProvider() {
        super("dora", "DoRA: learnable magnitude times the column-normalised W + B·A of qkv (and proj); mergeable",
                "Liu et al., DoRA: Weight-Decomposed Low-Rank Adaptation, ICML 2024",
                HyperparameterSchema.of(
                        Hyperparameter.integer(RANK, 8, 1, 4096, List.of(1, 8, 16, 32),
                                "rank r of the direction update B·A"),
                        Hyperparameter.choice(TARGETS, Dora.Targets.class, Dora.Targets.QKV,
                                "adapted layers: the fused qkv projection, or qkv and the attention output projection")));
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Dora(hyperparameters.getInt(RANK), hyperparameters.choice(TARGETS, Dora.Targets.class));
    }
}
