package org.peft4j.blocks;

import java.util.List;
import java.util.function.ToLongBiFunction;
import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;

/**
 * Groups of existing backbone parameters that the base-weight methods (LN tuning, BitFit, DiffFit,
 * full fine-tuning) make trainable, each with its selection by explicit timm-name globs and its
 * size as a closed-form function of the backbone shape and {@link BackboneLayout}. Explicit names replace the reference's
 * substring matching ({@code docs/methods.md#reference-defects}).
 */
public enum BaseParameterGroup {

    /**
     * Every bias: the patch conv, and in each block norm1, qkv, proj, norm2, fc1 and fc2, plus the
     * final norm: 2·D + L·(7·D + H) (102,912 for ViT-B/16). The same on every built-in family: CLIP's
     * {@code norm_pre} bias takes the place of its missing patch bias, MAE's {@code fc_norm} that of
     * {@code norm}.
     */
    BIASES((s, l) -> 2L * s.dim() + (long) s.depth() * (7L * s.dim() + s.mlpHidden()), "**.bias"),

    /**
     * Weight and bias of every LayerNorm, 2·L + 1 of them plus CLIP's {@code norm_pre} (MAE's final
     * norm is {@code fc_norm}): 2·D·(2·L + 1) (38,400 for ViT-B/16).
     */
    LAYER_NORMS((s, l) -> 2L * s.dim() * l.layerNorms(s), "blocks.*.norm1.*", "blocks.*.norm2.*", "norm.*",
            "norm_pre.*", "fc_norm.*"),

    /** Weight (γ) of every LayerNorm: D·(2·L + 1) (19,200 for ViT-B/16). */
    LAYER_NORM_WEIGHTS((s, l) -> (long) s.dim() * l.layerNorms(s), "blocks.*.norm1.weight", "blocks.*.norm2.weight",
            "norm.weight", "norm_pre.weight", "fc_norm.weight"),

    /** Every backbone parameter, embeddings included (85,798,656 for ViT-B/16). */
    ALL((s, l) -> l.backboneParameters(), "**");

    private final ToLongBiFunction<BackboneShape, BackboneLayout> count;
    private final List<String> globs;

    BaseParameterGroup(ToLongBiFunction<BackboneShape, BackboneLayout> count, String... globs) {
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
     * Number of non-head scalars in this group on timm's supervised ViT.
     *
     * @param shape the backbone's dimensions
     * @return the count
     */
    public long count(BackboneShape shape) {
        return count(shape, BackboneLayout.standard(shape));
    }

    /**
     * Number of non-head scalars in this group on a backbone of any family.
     *
     * @param shape the backbone's dimensions
     * @param layout what it has beyond its shape
     * @return the count
     */
    public long count(BackboneShape shape, BackboneLayout layout) {
        return count.applyAsLong(shape, layout);
    }
}
