package org.peft4j.blocks;

import java.util.List;
import org.peft4j.api.Hyperparameter;

/** Factories for the hyperparameters that several built-in methods share, with common ranges. */
public final class PeftHyperparameters {

    /** Key of the dropout rate. */
    public static final String DROPOUT = "dropout";

    /** Key of the output multiplier. */
    public static final String SCALE = "scale";

    private PeftHyperparameters() {}

    /**
     * An inner width (rank, bottleneck or factor dimension) in [1, 4096].
     *
     * @param name key, e.g. {@code rank}
     * @param defaultValue default
     * @param grid the study's grid
     * @param description one line, naming the reference key
     * @return the hyperparameter
     */
    public static Hyperparameter width(String name, int defaultValue, List<Integer> grid, String description) {
        return Hyperparameter.integer(name, defaultValue, 1, 4096, grid, description);
    }

    /**
     * The output multiplier {@code scale} in [0, 10000].
     *
     * @param defaultValue default
     * @param grid the study's grid
     * @param referenceKey the reference's name for it, e.g. {@code adapter_scaler}
     * @return the hyperparameter
     */
    public static Hyperparameter scale(double defaultValue, List<Double> grid, String referenceKey) {
        return Hyperparameter.real(SCALE, defaultValue, 0, 10_000, grid,
                "multiplier s of the module's output (reference: " + referenceKey + ")");
    }

    /**
     * The {@code dropout} rate of a module, 0.1 by default as hard-coded in the reference.
     *
     * @param where where the dropout acts, e.g. {@code on the LoRA input}
     * @return the hyperparameter
     */
    public static Hyperparameter dropout(String where) {
        return Hyperparameter.real(DROPOUT, 0.1, 0, 0.9, List.of(),
                "dropout rate " + where + " (reference: hard-coded 0.1)");
    }
}
