package org.peft4j.runtime.vit;

import java.util.List;
import java.util.Locale;

/**
 * What sets one ViT family apart from timm's supervised ViT, each feature under timm's parameter
 * names (see {@code docs/backbones.md}).
 *
 * @param name the family's name, e.g. {@code dinov2}
 * @param layerScale initial γ of LayerScale ({@code blocks.i.ls1.gamma}, {@code ls2.gamma}), applied
 *     to each branch before drop path; 0 for none
 * @param registers register tokens ({@code reg_token}, (1, R, D)) after the class token
 * @param prefixPositions whether {@code pos_embed} has entries for the class and register tokens
 *     (timm's {@code no_embed_class=False}); otherwise it covers the patches only
 * @param preNorm whether a LayerNorm ({@code norm_pre}) runs on the tokens before the blocks
 * @param lnEps epsilon of every LayerNorm
 * @param activation the MLP's activation
 * @param patchBias whether the patch projection has a bias ({@code patch_embed.proj.bias})
 * @param pooling how the head's input is pooled from the tokens
 */
public record VitFamily(
        String name,
        float layerScale,
        int registers,
        boolean prefixPositions,
        boolean preNorm,
        float lnEps,
        Activation activation,
        boolean patchBias,
        Pooling pooling) {

    /** timm's supervised ViT (ImageNet-21k/1k): the study's backbone. */
    public static final VitFamily SUPERVISED =
            new VitFamily("supervised", 0f, 0, true, false, 1e-6f, Activation.GELU, true, Pooling.CLASS_TOKEN);

    /** DINOv2 (timm {@code vit_*_patch14_dinov2}): LayerScale, patch 14. */
    public static final VitFamily DINOV2 =
            new VitFamily("dinov2", 1e-5f, 0, true, false, 1e-6f, Activation.GELU, true, Pooling.CLASS_TOKEN);

    /** DINOv2 with 4 registers (timm {@code vit_*_patch14_reg4_dinov2}): position embedding on patches only. */
    public static final VitFamily DINOV2_REG4 =
            new VitFamily("dinov2-reg4", 1e-5f, 4, false, false, 1e-6f, Activation.GELU, true, Pooling.CLASS_TOKEN);

    /**
     * OpenAI CLIP image tower (timm {@code vit_*_clip_quickgelu_224}): {@code norm_pre}, no patch bias,
     * LayerNorm eps 1e-5, QuickGELU; the image projection is timm's {@code head}.
     */
    public static final VitFamily CLIP_OPENAI =
            new VitFamily("clip-openai", 0f, 0, true, true, 1e-5f, Activation.QUICK_GELU, false, Pooling.CLASS_TOKEN);

    /** MAE fine-tuning layout (timm {@code vit_*_224.mae} with {@code global_pool='avg'}): average pooling and {@code fc_norm}. */
    public static final VitFamily MAE =
            new VitFamily("mae", 0f, 0, true, false, 1e-6f, Activation.GELU, true, Pooling.AVERAGE);

    /** The built-in families. */
    public static final List<VitFamily> ALL = List.of(SUPERVISED, DINOV2, DINOV2_REG4, CLIP_OPENAI, MAE);

    /** The MLP's activation. */
    public enum Activation {
        /** Exact (erf) GELU. */
        GELU,
        /** x·σ(1.702·x), as OpenAI's CLIP was trained. */
        QUICK_GELU
    }

    /** How the tokens become the head's input. */
    public enum Pooling {
        /** The class token after the final {@code norm}. */
        CLASS_TOKEN,
        /** The mean of the patch tokens (class and register tokens left out), then {@code fc_norm}. */
        AVERAGE
    }

    /** Most register tokens a family may declare (DINOv2 uses 4). */
    public static final int MAX_REGISTERS = 64;

    /** Checks the features (they may come from an untrusted adapter file). */
    public VitFamily {
        if (name == null || layerScale < 0f || registers < 0 || registers > MAX_REGISTERS || !(lnEps > 0f)
                || activation == null || pooling == null) {
            throw new IllegalArgumentException("backbone family '" + name + "' needs a name, layer scale >= 0, 0.."
                    + MAX_REGISTERS + " registers, eps > 0, an activation and a pooling");
        }
    }

    /**
     * A built-in family by name.
     *
     * @param name e.g. {@code dinov2}
     * @return the family
     * @throws IllegalArgumentException naming the known families
     */
    public static VitFamily named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(f -> f.name.equals(key)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown backbone family '" + name + "'; expected one of "
                        + ALL.stream().map(VitFamily::name).toList()));
    }

    /**
     * Tokens before the patches: the class token and the registers.
     *
     * @return 1 + registers
     */
    public int prefixTokens() {
        return 1 + registers;
    }

    /**
     * Whether the blocks have LayerScale.
     *
     * @return layerScale &gt; 0
     */
    public boolean hasLayerScale() {
        return layerScale > 0f;
    }
}
