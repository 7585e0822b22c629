package org.peft4j.blocks;

import java.util.List;
import org.peft4j.api.Hyperparameter;

/** The hyperparameters shared by the prompt-token methods (VPT-shallow, VPT-deep, VQT). */
public final class PromptHyperparameters {

    /** Key of the number of tokens per layer. */
    public static final String PROMPTS = "prompts";

    /** Key of the prompt dropout rate. */
    public static final String DROPOUT = "dropout";

    private PromptHyperparameters() {}

    /**
     * Number of tokens per layer.
     *
     * @param defaultValue default count
     * @param grid the tuning grid
     * @param referenceKey the reference implementation's key, for the description
     * @return the hyperparameter
     */
    public static Hyperparameter prompts(int defaultValue, List<Integer> grid, String referenceKey) {
        return Hyperparameter.integer(PROMPTS, defaultValue, 1, 1024, grid,
                "tokens per layer (reference key " + referenceKey + ")");
    }

    /**
     * Dropout on the prompt tokens in training, fixed at 0.1 in the study.
     *
     * @param reference where the reference implementation sets it, e.g. {@code key vpt_dropout}
     * @return the hyperparameter
     */
    public static Hyperparameter dropout(String reference) {
        return Hyperparameter.real(DROPOUT, 0.1, 0.0, 0.9, List.of(),
                "dropout on the prompt tokens in training (reference: " + reference + ", 0.1)");
    }
}
