package org.peft4j.api;

/**
 * Capability describing what a backbone has beyond its {@link BackboneShape}, for methods that
 * address tokens by position or count tensors other than the shape's: the tokens before the
 * patches, the pooling, extra LayerNorms and LayerScale. Without it (an older runtime) the layout
 * is {@link #standard}: timm's supervised ViT. DINOv2 with registers has more tokens before the
 * patches and LayerScale; CLIP has a LayerNorm before the blocks and no patch bias; MAE pools the
 * mean of the patch tokens.
 *
 * @param prefixTokens tokens before the patch tokens (the class token and any register tokens)
 * @param classTokenPooled whether the head's input ({@link Site#HEAD_INPUT}) is the class token
 * @param extraNorms LayerNorms besides each block's two and the final one (CLIP's {@code norm_pre}: 1)
 * @param layerScale whether each block scales its two branches by a learned D-vector
 * @param patchBias whether the patch projection has a bias ({@code patch_embed.proj.bias}; CLIP has none)
 * @param backboneParameters the backbone's parameters without the head
 */
public record BackboneLayout(int prefixTokens, boolean classTokenPooled, int extraNorms, boolean layerScale,
        boolean patchBias, long backboneParameters) {

    /**
     * timm's supervised ViT of a shape: [class, patches], the class token pooled, 2L + 1
     * LayerNorms, no LayerScale, a patch bias.
     *
     * @param shape the backbone's dimensions
     * @return the layout
     */
    public static BackboneLayout standard(BackboneShape shape) {
        return new BackboneLayout(1, true, 0, false, true, shape.backboneParameters());
    }

    /**
     * The layout a host or merge target offers, {@link #standard} if it offers none.
     *
     * @param backbone a {@link PeftHost} or {@link MergeTarget}
     * @param shape its shape
     * @return the layout
     */
    public static BackboneLayout of(Capabilities backbone, BackboneShape shape) {
        return backbone.capability(BackboneLayout.class).orElseGet(() -> standard(shape));
    }

    /**
     * Number of LayerNorms.
     *
     * @param shape the backbone's dimensions
     * @return 2L + 1 + {@link #extraNorms}
     */
    public long layerNorms(BackboneShape shape) {
        return 2L * shape.depth() + 1 + extraNorms;
    }

    /**
     * Refuses a backbone with tokens between the class token and the patches.
     *
     * @param method the method's name, for the message
     * @throws IllegalArgumentException with one sentence when there are register tokens
     */
    public void requireClassTokenOnly(String method) {
        if (prefixTokens != 1) {
            throw new IllegalArgumentException(method + " needs the patch tokens right after the class token, but this "
                    + "backbone has " + (prefixTokens - 1) + " register tokens there; choose a backbone without registers");
        }
    }

    /**
     * Refuses a backbone whose head does not read the class token.
     *
     * @param method the method's name, for the message
     * @throws IllegalArgumentException with one sentence when the head pools the patch tokens
     */
    public void requireClassTokenPooling(String method) {
        if (!classTokenPooled) {
            throw new IllegalArgumentException(method + " combines its outputs with the class token at the head, but "
                    + "this backbone pools the mean of the patch tokens; choose a class-token backbone");
        }
    }
}
