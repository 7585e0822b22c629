package org.peft4j.api;

/**
 * Insertion points of a pre-norm ViT block and of the embedding and head, in forward order. A
 * {@link SiteModule} registered at a site receives the tensor flowing through that point and
 * returns its replacement. {@link SiteContext#input()} gives the site's natural input, as listed.
 */
public enum Site {
    /** Patch tokens (B, P, D) right after the patch projection, before class token and position. */
    PATCH_TOKENS(false),
    /** Token sequence (B, N, D) entering block i. Modules may prepend tokens. */
    BLOCK_INPUT(true),
    /** LN1 output (B, N, D): the attention's input. input() is the block input. */
    ATTN_NORM(true),
    /** qkv output (B, N, 3D). input() is the qkv input (LN1 output). */
    QKV(true),
    /** Attention projection output (B, N, D). input() is the attention context before proj. */
    PROJ(true),
    /**
     * Attention branch after drop path (B, N, D), before it is added to the residual. input() is
     * the block input; {@link SiteContext#normed()} the LN1 output; {@link SiteContext#undropped()}
     * the branch before drop path.
     */
    ATTN_BRANCH(true),
    /** LN2 output (B, N, D): the MLP's input. input() is the residual stream. */
    MLP_NORM(true),
    /** fc1 output (B, N, H) before GELU. input() is the fc1 input (LN2 output). */
    FC1(true),
    /**
     * MLP hidden activation (B, N, H) after GELU, before fc2: what fc2 reads. input() is the GELU
     * input (the fc1 output after {@link #FC1}'s modules). Costs nothing when no module is there.
     */
    MLP_HIDDEN(true),
    /** fc2 output (B, N, D). input() is the fc2 input (the hidden activation after {@link #MLP_HIDDEN}). */
    FC2(true),
    /** MLP branch after drop path, like {@link #ATTN_BRANCH} on the MLP side. */
    MLP_BRANCH(true),
    /** Token sequence leaving block i. Modules may remove tokens they prepended. */
    BLOCK_OUTPUT(true),
    /** Final norm output (B, N, D) over all tokens. */
    FINAL_NORM(false),
    /** Pooled features (B, D) entering the head. input() is the final token sequence. */
    HEAD_INPUT(false);

    private final boolean perBlock;

    Site(boolean perBlock) {
        this.perBlock = perBlock;
    }

    /**
     * Whether this site exists once per block (registered with a block index) or once per model.
     *
     * @return true for per-block sites
     */
    public boolean perBlock() {
        return perBlock;
    }
}
