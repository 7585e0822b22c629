package org.peft4j.blocks;

import java.util.List;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.Hyperparameters;

/**
 * The size, output scale and dropout of a bottleneck-type module, read from the hyperparameters
 * {@code bottleneck}, {@code scale} and {@code dropout}.
 *
 * @param bottleneck inner width r
 * @param scale output multiplier s
 * @param dropout dropout rate inside the module
 */
public record AdapterSettings(int bottleneck, float scale, float dropout) {

    /** Key of the bottleneck width. */
    public static final String BOTTLENECK = "bottleneck";

    /**
     * Reads the settings.
     *
     * @param hyperparameters validated values with the keys {@code bottleneck}, {@code scale},
     *     {@code dropout}
     * @return the settings
     */
    public static AdapterSettings from(Hyperparameters hyperparameters) {
        return new AdapterSettings(
                hyperparameters.getInt(BOTTLENECK),
                (float) hyperparameters.getDouble(PeftHyperparameters.SCALE),
                (float) hyperparameters.getDouble(PeftHyperparameters.DROPOUT));
    }

    /**
     * The {@code bottleneck} hyperparameter.
     *
     * @param defaultValue default width
     * @param grid the study's grid
     * @param referenceKey the reference's name for it, e.g. {@code adapter_bottleneck}
     * @return the hyperparameter
     */
    public static Hyperparameter bottleneck(int defaultValue, List<Integer> grid, String referenceKey) {
        return PeftHyperparameters.width(BOTTLENECK, defaultValue, grid,
                "bottleneck width r (reference: " + referenceKey + ")");
    }
}
