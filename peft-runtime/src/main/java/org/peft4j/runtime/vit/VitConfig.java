package org.peft4j.runtime.vit;

import java.util.List;
import java.util.Locale;
import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;

/**
 * Architecture of a timm-style ViT: class token, learned position embedding, pre-norm blocks with
 * fused qkv, LayerNorm over the last axis, linear head; the {@link VitFamily} adds what sets
 * DINOv2, CLIP and MAE apart (LayerScale, registers, {@code norm_pre}, eps, activation, pooling).
 *
 * @param name preset name, or "custom"
 * @param imageSize input side in pixels
 * @param patchSize patch side in pixels
 * @param dim token width
 * @param depth number of blocks
 * @param heads attention heads
 * @param mlpRatio MLP hidden width / dim
 * @param numClasses classes of the head
 * @param dropPathRate stochastic depth rate of the last block (linear ramp from 0)
 * @param family the family's features ({@link VitFamily#SUPERVISED} when absent, as in adapter
 *     files written before families existed)
 */
public record VitConfig(
        String name,
        int imageSize,
        int patchSize,
        int dim,
        int depth,
        int heads,
        int mlpRatio,
        int numClasses,
        float dropPathRate,
        VitFamily family) {

    /** Names of the built-in presets (see {@code docs/backbones.md}). */
    public static final List<String> PRESETS = VitPreset.names();

    /** Checks that the dimensions fit together. */
    public VitConfig {
        family = family == null ? VitFamily.SUPERVISED : family;
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not a multiple of patch size " + patchSize);
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
    }

    /**
     * A supervised ViT (timm's {@code VisionTransformer} with its defaults).
     *
     * @param name preset name, or "custom"
     * @param imageSize input side in pixels
     * @param patchSize patch side in pixels
     * @param dim token width
     * @param depth number of blocks
     * @param heads attention heads
     * @param mlpRatio MLP hidden width / dim
     * @param numClasses classes of the head
     * @param dropPathRate stochastic depth rate of the last block
     */
    public VitConfig(String name, int imageSize, int patchSize, int dim, int depth, int heads, int mlpRatio,
            int numClasses, float dropPathRate) {
        this(name, imageSize, patchSize, dim, depth, heads, mlpRatio, numClasses, dropPathRate, VitFamily.SUPERVISED);
    }

    /**
     * A preset by name, one of {@link #PRESETS}: {@code vit-micro} (32 px, patch 8, 96, depth 4, 4
     * heads: the backbone of the built-in benchmark, sized so that a training step of 64 images takes
     * tens of milliseconds on two CPU cores), {@code vit-tiny} (32 px, patch 4, 192, depth 6, 3 heads),
     * {@code vit-s16}, {@code vit-b16}, {@code vit-l16}, {@code vit-b32}, {@code vit-b16-384}, the
     * DINOv2, CLIP and MAE backbones and the test-sized {@code dinov2-micro} and {@code clip-micro}
     * (table in {@code docs/backbones.md}). {@code vit-s224} is accepted as an alias of {@code vit-s16}.
     *
     * @param name preset name
     * @param numClasses classes of the head
     * @return the configuration, drop path 0
     */
    public static VitConfig preset(String name, int numClasses) {
        String key = name.toLowerCase(Locale.ROOT).equals("vit-s224") ? "vit-s16" : name;
        return VitPreset.named(key).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + name + "'; expected one of " + PRESETS)).config(numClasses);
    }

    /**
     * The timm model that a preset mirrors: its parameter names, shapes and forward pass.
     *
     * @param name preset name
     * @return e.g. {@code vit_small_patch14_dinov2}
     * @throws IllegalArgumentException for an unknown preset
     */
    public static String timmModel(String name) {
        return VitPreset.named(preset(name, 1).name()).orElseThrow().timmModel();
    }

    /**
     * This configuration with another drop path rate.
     *
     * @param rate the last block's rate
     * @return a copy
     */
    public VitConfig withDropPath(float rate) {
        return new VitConfig(name, imageSize, patchSize, dim, depth, heads, mlpRatio, numClasses, rate, family);
    }

    /**
     * This configuration at another input size (a pretrained position embedding is resampled to it
     * when loaded, see {@code Checkpoints.load}).
     *
     * @param size input side in pixels, a multiple of the patch size
     * @return a copy
     * @throws IllegalArgumentException if the size is not a positive multiple of the patch size
     */
    public VitConfig withImageSize(int size) {
        if (size < patchSize) {
            throw new IllegalArgumentException("image size " + size + " is smaller than the patch size " + patchSize);
        }
        return new VitConfig(name, size, patchSize, dim, depth, heads, mlpRatio, numClasses, dropPathRate);
    }

    /**
     * This configuration with another number of classes.
     *
     * @param classes classes of the head
     * @return a copy
     */
    public VitConfig withClasses(int classes) {
        return new VitConfig(name, imageSize, patchSize, dim, depth, heads, mlpRatio, classes, dropPathRate, family);
    }

    /**
     * The shape that methods see.
     *
     * @return the backbone shape
     */
    public BackboneShape shape() {
        return new BackboneShape(imageSize, patchSize, 3, dim, depth, heads, dim * mlpRatio, numClasses);
    }

    /**
     * Entries of the position embedding: the patches, plus the class and register tokens when the
     * family embeds them.
     *
     * @return the second dimension of {@code pos_embed}
     */
    public int positions() {
        return shape().numPatches() + (family.prefixPositions() ? family.prefixTokens() : 0);
    }

    /**
     * Number of backbone parameters without the head, in closed form: {@link
     * BackboneShape#backboneParameters()} with the family's differences (no patch bias, registers,
     * position entries, {@code norm_pre}, LayerScale; {@code fc_norm} replaces {@code norm}).
     *
     * @return parameter count
     */
    public long backboneParameters() {
        long d = dim;
        long count = shape().backboneParameters() - (shape().numPatches() + 1L) * d + (long) positions() * d
                + family.registers() * d;
        count -= family.patchBias() ? 0 : d;
        count += family.preNorm() ? 2 * d : 0;
        count += family.hasLayerScale() ? 2 * d * depth : 0;
        return count;
    }

    /**
     * What methods see of this backbone beyond its shape.
     *
     * @return the layout
     */
    public BackboneLayout layout() {
        return new BackboneLayout(family.prefixTokens(), family.pooling() == VitFamily.Pooling.CLASS_TOKEN,
                family.preNorm() ? 1 : 0, family.hasLayerScale(), family.patchBias(), backboneParameters());
    }

    /**
     * Drop path rate of block i: timm's linspace(0, rate, depth).
     *
     * @param block block index
     * @return its rate
     */
    public float dropPath(int block) {
        return depth == 1 ? 0f : dropPathRate * block / (depth - 1);
    }
}
