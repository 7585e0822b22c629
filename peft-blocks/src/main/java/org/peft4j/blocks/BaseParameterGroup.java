package org.peft4j.blocks;

import java.util.List;
import java.util.function.ToLongFunction;
import org.peft4j.api.BackboneShape;

/**
 * Groups of existing backbone parameters that the base-weight methods (LN tuning, BitFit, DiffFit,
 * full fine-tuning) make trainable, each with its selection by explicit timm-name globs and its
 * size as a closed-form function of the backbone shape. Explicit names replace the reference's
 * substring matching ({@code docs/methods.md#reference-defects}).
 */
public enum BaseParameterGroup {

    /**
     * Every bias: the patch conv, and in each block norm1, qkv, proj, norm2, fc1 and fc2, plus the
     * final norm: 2·D + L·(7·D + H) (102,912 for ViT-B/16).
     */
    BIASES(s -> 2L * s.dim() + (long) s.depth() * (7L * s.dim() + s.mlpHidden()), "**.bias"),

    /** Weight and bias of the 2·L + 1 LayerNorms: 2·D·(2·L + 1) (38,400 for ViT-B/16). */
    LAYER_NORMS(s -> 2L * s.dim() * (2L * s.depth() + 1), "blocks.*.norm1.*", "blocks.*.norm2.*", "norm.*"),

    /** Weight (γ) of the 2·L + 1 LayerNorms: D·(2·L + 1) (19,200 for ViT-B/16). */
    LAYER_NORM_WEIGHTS(
            s -> (long) s.dim() * (2L * s.depth() + 1), "blocks.*.norm1.weight", "blocks.*.norm2.weight", "norm.weight"),

    /** Every backbone parameter, embeddings included (85,798,656 for ViT-B/16). */
    ALL(BackboneShape::backboneParameters, "**");

    private final ToLongFunction<BackboneShape> count;
    private final List<String> globs;

    BaseParameterGroup(ToLongFunction<BackboneShape> count, String... globs) {
        this.count = count;
        this.globs = List.of(globs);
    }

    /**
     * The globs on timm names that select this group (they may also match the head, which is
     * always trainable and never counted).
     *
     * @return the globs
     */
    public List<String> globs() {
        return globs;
    }

    /**
     * Number of non-head scalars in this group.
     *
     * @param shape the backbone's dimensions
     * @return the count
     */
    public long count(BackboneShape shape) {
        return count.applyAsLong(shape);
    }
}
