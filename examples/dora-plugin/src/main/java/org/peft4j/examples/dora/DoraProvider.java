package org.peft4j.examples.dora;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/**
 * Registers {@code dora}: weight-decomposed low-rank adaptation of each block's qkv projection
 * (optionally also the attention output projection). Listed in
 * {@code META-INF/services/org.peft4j.api.PeftMethodProvider}.
 */
public final class DoraProvider implements PeftMethodProvider {

    /** Key of the rank of the low-rank update. */
    static final String RANK = "rank";

    /** Key of the adapted layers. */
    static final String TARGETS = "targets";

    /** Adapt the fused qkv projection only. */
    static final String QKV = "qkv";

    /** Adapt the fused qkv projection and the attention output projection. */
    static final String QKV_PROJ = "qkv_proj";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.of(
            Hyperparameter.integer(RANK, 8, 1, 4096, List.of(1, 8, 16, 32), "rank r of the direction update B·A"),
            Hyperparameter.choice(TARGETS, QKV, List.of(QKV, QKV_PROJ),
                    "adapted layers: the fused qkv projection, or qkv and the attention output projection"));

    @Override
    public String name() {
        return "dora";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String description() {
        return "DoRA: learnable magnitude times the column-normalised W + B·A of qkv (and proj); mergeable";
    }

    @Override
    public String citation() {
        return "Liu et al., DoRA: Weight-Decomposed Low-Rank Adaptation, ICML 2024";
    }

    @Override
    public HyperparameterSchema schema() {
        return SCHEMA;
    }

    @Override
    public PeftMethod create(Hyperparameters hyperparameters) {
        return new Dora(hyperparameters.getInt(RANK), hyperparameters.getString(TARGETS).equals(QKV_PROJ));
    }
}
