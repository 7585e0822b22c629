package org.peft4j.methods.fact;

import java.util.List;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.blocks.PeftHyperparameters;

/**
 * FacT's hyperparameters {@code dim}, {@code scale} and {@code dropout}.
 *
 * @param rank FacT dimension d
 * @param scale multiplier s of every delta
 * @param dropout rate on the d-wide intermediate before V
 */
public record FactSettings(int rank, float scale, float dropout) {

    /** Key of the FacT dimension. */
    public static final String DIM = "dim";

    /** The paper both FacT variants come from. */
    public static final String CITATION =
            "Jie and Deng, FacT: Factor-Tuning for Lightweight Adaptation on Vision Transformer, AAAI 2023";

    /**
     * The schema of a FacT variant.
     *
     * @param defaultDim default d
     * @param dimGrid the study's grid for d
     * @return the schema
     */
    public static HyperparameterSchema schema(int defaultDim, List<Integer> dimGrid) {
        return HyperparameterSchema.of(
                PeftHyperparameters.width(DIM, defaultDim, dimGrid, "FacT rank d (reference: fact_dim)"),
                PeftHyperparameters.scale(1.0, List.of(0.01, 0.1, 1.0, 10.0, 100.0), "fact_scaler"),
                PeftHyperparameters.dropout("on the FacT intermediate before V"));
    }

    /**
     * Reads the settings.
     *
     * @param hyperparameters values validated against {@link #schema}
     * @return the settings
     */
    public static FactSettings from(Hyperparameters hyperparameters) {
        return new FactSettings(
                hyperparameters.getInt(DIM),
                (float) hyperparameters.getDouble(PeftHyperparameters.SCALE),
                (float) hyperparameters.getDouble(PeftHyperparameters.DROPOUT));
    }
}
