package org.peft4j.methods.ssf;

import java.util.function.ToIntFunction;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.Site;

/**
 * The places where SSF scales and shifts features ({@code docs/methods.md#ssf}), with the names of their
 * tensors and the affine layer each one folds into. {@code {i}} stands for the block index.
 */
enum SsfSite {
    /** Patch tokens after the patch conv: {@code patch_embed.ssf_scale_1}, folds into the conv. */
    PATCH(Site.PATCH_TOKENS, "patch_embed.", "_1", BackboneShape::dim, "patch_embed.proj"),
    /** After LN1: {@code blocks.{i}.ssf_scale_1}, folds into norm1. */
    NORM1(Site.ATTN_NORM, "blocks.{i}.", "_1", BackboneShape::dim, "blocks.{i}.norm1"),
    /**
     * The fused qkv output (3·D wide, before the split into heads): {@code
     * blocks.{i}.attn.ssf_scale_qkv}, folds into the qkv Linear row-wise.
     */
    QKV(Site.QKV, "blocks.{i}.attn.", "_qkv", s -> 3 * s.dim(), "blocks.{i}.attn.qkv"),
    /** Attention proj output: {@code blocks.{i}.attn.ssf_scale_linear}, folds into proj. */
    PROJ(Site.PROJ, "blocks.{i}.attn.", "_linear", BackboneShape::dim, "blocks.{i}.attn.proj"),
    /** After LN2: {@code blocks.{i}.ssf_scale_2}, folds into norm2. */
    NORM2(Site.MLP_NORM, "blocks.{i}.", "_2", BackboneShape::dim, "blocks.{i}.norm2"),
    /** fc1 output before GELU: {@code blocks.{i}.mlp.ssf_scale_hidden}, folds into fc1. */
    FC1(Site.FC1, "blocks.{i}.mlp.", "_hidden", BackboneShape::mlpHidden, "blocks.{i}.mlp.fc1"),
    /** fc2 output: {@code blocks.{i}.mlp.ssf_scale_out}, folds into fc2. */
    FC2(Site.FC2, "blocks.{i}.mlp.", "_out", BackboneShape::dim, "blocks.{i}.mlp.fc2"),
    /** After the final norm, on all tokens: top-level {@code ssf_scale}, folds into the norm. */
    FINAL_NORM(Site.FINAL_NORM, "", "", BackboneShape::dim, "norm");

    private final Site site;
    private final String owner;
    private final String suffix;
    private final ToIntFunction<BackboneShape> width;
    private final String foldTarget;

    SsfSite(Site site, String owner, String suffix, ToIntFunction<BackboneShape> width, String foldTarget) {
        this.site = site;
        this.owner = owner;
        this.suffix = suffix;
        this.width = width;
        this.foldTarget = foldTarget;
    }

    Site site() {
        return site;
    }

    /** Name prefix of the owning module in block {@code block} (ignored for model-level sites). */
    String owner(int block) {
        return owner.replace("{i}", Integer.toString(block));
    }

    String suffix() {
        return suffix;
    }

    int width(BackboneShape shape) {
        return width.applyAsInt(shape);
    }

    /** The layer this site folds into, in block {@code block}. */
    String foldTarget(int block) {
        return foldTarget.replace("{i}", Integer.toString(block));
    }

    /** How many times the site occurs in the model. */
    int occurrences(BackboneShape shape) {
        return site.perBlock() ? shape.depth() : 1;
    }
}
