package org.peft4j.runtime.vit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in backbones: dimensions, family and the timm model each mirrors (its parameter names,
 * shapes and forward pass; see {@code docs/backbones.md} for the hub weights of each).
 */
enum VitPreset {
    VIT_MICRO("vit-micro", "vit_tiny_patch16_224 (shrunk: 32 px, patch 8, dim 96, depth 4, 4 heads)",
            32, 8, 96, 4, 4, VitFamily.SUPERVISED),
    VIT_TINY("vit-tiny", "vit_tiny_patch16_224 (shrunk: 32 px, patch 4, dim 192, depth 6, 3 heads)",
            32, 4, 192, 6, 3, VitFamily.SUPERVISED),
    VIT_S16("vit-s16", "vit_small_patch16_224", 224, 16, 384, 12, 6, VitFamily.SUPERVISED),
    VIT_B16("vit-b16", "vit_base_patch16_224", 224, 16, 768, 12, 12, VitFamily.SUPERVISED),
    VIT_L16("vit-l16", "vit_large_patch16_224", 224, 16, 1024, 24, 16, VitFamily.SUPERVISED),
    VIT_B32("vit-b32", "vit_base_patch32_224", 224, 32, 768, 12, 12, VitFamily.SUPERVISED),
    VIT_B16_384("vit-b16-384", "vit_base_patch16_384", 384, 16, 768, 12, 12, VitFamily.SUPERVISED),
    DINOV2_S14("dinov2-s14", "vit_small_patch14_dinov2", 518, 14, 384, 12, 6, VitFamily.DINOV2),
    DINOV2_B14("dinov2-b14", "vit_base_patch14_dinov2", 518, 14, 768, 12, 12, VitFamily.DINOV2),
    DINOV2_L14("dinov2-l14", "vit_large_patch14_dinov2", 518, 14, 1024, 24, 16, VitFamily.DINOV2),
    DINOV2_B14_REG4("dinov2-b14-reg4", "vit_base_patch14_reg4_dinov2", 518, 14, 768, 12, 12, VitFamily.DINOV2_REG4),
    CLIP_B16("clip-b16", "vit_base_patch16_clip_quickgelu_224", 224, 16, 768, 12, 12, VitFamily.CLIP_OPENAI),
    CLIP_L14("clip-l14", "vit_large_patch14_clip_quickgelu_224", 224, 14, 1024, 24, 16, VitFamily.CLIP_OPENAI),
    MAE_B16("mae-b16", "vit_base_patch16_224 with global_pool='avg'", 224, 16, 768, 12, 12, VitFamily.MAE),
    DINOV2_MICRO("dinov2-micro", "vit_small_patch14_dinov2 (shrunk: 56 px, dim 96, depth 4, 4 heads)",
            56, 14, 96, 4, 4, VitFamily.DINOV2),
    CLIP_MICRO("clip-micro", "vit_base_patch16_clip_quickgelu_224 (shrunk: 32 px, patch 8, dim 96, depth 4, 4 heads)",
            32, 8, 96, 4, 4, VitFamily.CLIP_OPENAI);

    private final String id;
    private final String timmModel;
    private final int imageSize;
    private final int patchSize;
    private final int dim;
    private final int depth;
    private final int heads;
    private final VitFamily family;

    VitPreset(String id, String timmModel, int imageSize, int patchSize, int dim, int depth, int heads,
            VitFamily family) {
        this.id = id;
        this.timmModel = timmModel;
        this.imageSize = imageSize;
        this.patchSize = patchSize;
        this.dim = dim;
        this.depth = depth;
        this.heads = heads;
        this.family = family;
    }

    /** The names of all presets, in declaration order. */
    static List<String> names() {
        return Arrays.stream(values()).map(p -> p.id).toList();
    }

    /** The preset of this name (case-insensitive), if any. */
    static Optional<VitPreset> named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(key)).findFirst();
    }

    String id() {
        return id;
    }

    String timmModel() {
        return timmModel;
    }

    VitConfig config(int numClasses) {
        return new VitConfig(id, imageSize, patchSize, dim, depth, heads, 4, numClasses, 0f, family);
    }
}
