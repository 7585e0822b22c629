package org.peft4j.runtime.vit;

import java.util.List;
import java.util.Locale;
import org.peft4j.api.BackboneShape;

/**
 * Architecture of a timm-style ViT: class token, learned position embedding, pre-norm blocks with
 * fused qkv, LayerNorm eps 1e-6 over the last axis, exact GELU, token pooling, linear head.
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
        float dropPathRate) {

    /** LayerNorm epsilon of timm's ViT. */
    public static final float LN_EPS = 1e-6f;

    /** Names of the built-in presets, in size order. */
    public static final List<String> PRESETS = List.of("vit-micro", "vit-tiny", "vit-s16", "vit-b16", "vit-l16");

    /** Checks that the dimensions fit together. */
    public VitConfig {
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
     * A preset by name: {@code vit-micro} (32 px, patch 8, 96, depth 4, 4 heads: the backbone of
     * the built-in benchmark, sized so that a training step of 64 images takes tens of
     * milliseconds on two CPU cores), {@code vit-tiny} (32 px, patch 4, 192, depth 6, 3 heads), {@code vit-s16}
     * (224, 16, 384, 12, 6), {@code vit-b16} (224, 16, 768, 12, 12), {@code vit-l16} (224, 16,
     * 1024, 24, 16). {@code vit-s224} is accepted as an alias of {@code vit-s16}.
     *
     * @param name preset name
     * @param numClasses classes of the head
     * @return the configuration, drop path 0
     */
    public static VitConfig preset(String name, int numClasses) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "vit-micro" -> new VitConfig("vit-micro", 32, 8, 96, 4, 4, 4, numClasses, 0f);
            case "vit-tiny" -> new VitConfig("vit-tiny", 32, 4, 192, 6, 3, 4, numClasses, 0f);
            case "vit-s16", "vit-s224" -> new VitConfig("vit-s16", 224, 16, 384, 12, 6, 4, numClasses, 0f);
            case "vit-b16" -> new VitConfig("vit-b16", 224, 16, 768, 12, 12, 4, numClasses, 0f);
            case "vit-l16" -> new VitConfig("vit-l16", 224, 16, 1024, 24, 16, 4, numClasses, 0f);
            default -> throw new IllegalArgumentException(
                    "unknown model '" + name + "'; expected one of " + PRESETS);
        };
    }

    /**
     * This configuration with another drop path rate.
     *
     * @param rate the last block's rate
     * @return a copy
     */
    public VitConfig withDropPath(float rate) {
        return new VitConfig(name, imageSize, patchSize, dim, depth, heads, mlpRatio, numClasses, rate);
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
        return new VitConfig(name, imageSize, patchSize, dim, depth, heads, mlpRatio, classes, dropPathRate);
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
     * Drop path rate of block i: timm's linspace(0, rate, depth).
     *
     * @param block block index
     * @return its rate
     */
    public float dropPath(int block) {
        return depth == 1 ? 0f : dropPathRate * block / (depth - 1);
    }
}
