package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.api.SiteContext;
import org.peft4j.api.SiteModule;

/**
 * Learnable tokens prepended to the token sequence, one set of {@code count} tokens per layer, as
 * in VPT and VQT. The tensor (layers, count, D) is initialised uniform(±√(6 / (3·p² + D))), the
 * VPT init (0.0625 for ViT-B/16). Prompt dropout is applied before prepending: by default with an
 * independent mask per batch element (original VPT); under reference-compat with one mask shared
 * by the whole batch, drawn once per forward ({@code docs/methods.md#reference-defects}).
 */
public final class PromptTokens {

    private final ParameterHandle embeddings;
    private final int count;
    private final float dropout;
    private final boolean sharedMask;

    private PromptTokens(ParameterHandle embeddings, int count, float dropout, boolean sharedMask) {
        this.embeddings = embeddings;
        this.count = count;
        this.dropout = dropout;
        this.sharedMask = sharedMask;
    }

    /**
     * Creates the token tensor.
     *
     * @param host the backbone being adapted
     * @param name the tensor's name, e.g. {@code vpt.prompt_embeddings}
     * @param layers number of token sets (1 for VPT-shallow, depth for VPT-deep and VQT)
     * @param count tokens per set
     * @param dropout prompt dropout rate (training only)
     * @return the tokens
     */
    public static PromptTokens create(PeftHost host, String name, int layers, int count, double dropout) {
        BackboneShape s = host.shape();
        ParameterHandle embeddings =
                host.parameter(name, new Shape(layers, count, s.dim()), Init.uniform(initBound(s)));
        return new PromptTokens(embeddings, count, (float) dropout, ReferenceCompat.requestedBy(host));
    }

    /**
     * VPT's init bound √(6 / (channels·p·p + D)), Xavier-uniform over a patch and a token.
     *
     * @param shape the backbone's dimensions
     * @return the bound (0.0625 for ViT-B/16)
     */
    public static float initBound(BackboneShape shape) {
        int p = shape.patchSize();
        return (float) Math.sqrt(6.0 / (shape.channels() * p * p + shape.dim()));
    }

    /**
     * Tokens per set.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Prepends token set {@code layer}, with prompt dropout, to a (B, N, D) sequence.
     *
     * @param x the sequence
     * @param layer which token set
     * @param context the site's context (training mode and dropout)
     * @return (B, count + N, D)
     */
    public NDArray prepend(NDArray x, int layer, SiteContext context) {
        long batch = x.getShape().get(0);
        Shape expanded = new Shape(batch, count, x.getShape().get(2));
        NDArray tokens = embeddings.array().get(layer).expandDims(0);
        tokens = sharedMask
                ? context.dropout(tokens, dropout).broadcast(expanded)
                : context.dropout(tokens.broadcast(expanded), dropout);
        return tokens.concat(x, 1);
    }

    /**
     * The leading {@code count} tokens of a sequence, i.e. the outputs of the prepended tokens.
     *
     * @param x (B, count + N, D)
     * @return (B, count, D)
     */
    public NDArray leading(NDArray x) {
        return x.get(new NDIndex(":, :{}", count));
    }

    /**
     * Removes the leading {@code count} tokens.
     *
     * @param x (B, count + N, D)
     * @return (B, N, D)
     */
    public NDArray strip(NDArray x) {
        return x.get(new NDIndex(":, {}:", count));
    }

    /**
     * A module for {@link org.peft4j.api.Site#BLOCK_INPUT} that prepends token set {@code layer}.
     *
     * @param layer which token set
     * @return the module
     */
    public SiteModule prepender(int layer) {
        return (x, context) -> prepend(x, layer, context);
    }

    /**
     * A module for {@link org.peft4j.api.Site#BLOCK_OUTPUT} that removes the prepended tokens.
     *
     * @return the module
     */
    public SiteModule stripper() {
        return (x, context) -> strip(x);
    }
}
