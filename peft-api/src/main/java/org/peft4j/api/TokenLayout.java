package org.peft4j.api;

/**
 * Capability describing the token sequence of the backbone, for methods that address tokens by
 * position. Without it (an older runtime) the layout is {@link #STANDARD}: one class token before
 * the patches, which the head pools. DINOv2 with registers has more tokens before the patches;
 * MAE pools the mean of the patch tokens instead.
 *
 * @param prefixTokens tokens before the patch tokens (the class token and any register tokens)
 * @param classTokenPooled whether the head's input ({@link Site#HEAD_INPUT}) is the class token
 */
public record TokenLayout(int prefixTokens, boolean classTokenPooled) {

    /** timm's supervised ViT: [class, patches], the class token pooled. */
    public static final TokenLayout STANDARD = new TokenLayout(1, true);

    /**
     * The layout a host or merge target offers, {@link #STANDARD} if it offers none.
     *
     * @param capabilities a {@link PeftHost} or {@link MergeTarget}
     * @return the layout
     */
    public static TokenLayout of(Capabilities capabilities) {
        return capabilities.capability(TokenLayout.class).orElse(STANDARD);
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
