package org.peft4j.methods.vqt;

import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Init;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.api.SiteModule;
import org.peft4j.blocks.PromptTokens;

/**
 * Visual Query Tuning ({@code docs/methods.md#vqt}), implemented as intended. Before block i, n query tokens
 * {@code vqt.query_prompt_embeddings[i]} (L, n, D; VPT init and prompt dropout) are prepended and
 * hidden from the attention's keys and values: they read the other tokens, nothing reads them, so
 * the CLS and patch tokens compute exactly what the frozen backbone computes. After block i the n
 * query outputs are collected and removed. At the head input, the pooled CLS feature and the L·n
 * query outputs are each L2-normalised over the feature axis and combined along the token axis by
 * {@code vqt.combine_layer.weight} (1, L·n + 1; intended init ones, trunc_normal(0.02) under
 * reference-compat, as timm re-initialises that Linear). Count L·n·D + L·n + 1 (9,228·n + 1 for
 * ViT-B/16).
 *
 * <p>The reference code of this method is broken and was never run: it keeps the first n
 * non-query tokens instead of the query outputs, normalises over the token axis and reduces the
 * CLS feature to its sign. Those defects are deliberately not reproduced, not even under
 * reference-compat, since no published number depends on them.
 */
public final class Vqt implements PeftMethod, ClosedFormCount {

    private static final String QUERY_OUTPUTS = "vqt.query_outputs";

    private final int queries;
    private final double dropout;

    /**
     * Creates the method.
     *
     * @param queries query tokens per block
     * @param dropout dropout on the query tokens
     */
    public Vqt(int queries, double dropout) {
        this.queries = queries;
        this.dropout = dropout;
    }

    @Override
    public void attach(PeftHost host) {
        BackboneLayout.of(host, host.shape()).requireClassTokenPooling("vqt");
        int depth = host.shape().depth();
        PromptTokens tokens = PromptTokens.create(host, "vqt.query_prompt_embeddings", depth, queries, dropout);
        for (int i = 0; i < depth; i++) {
            SiteModule prepend = tokens.prepender(i);
            host.insert(Site.BLOCK_INPUT, i, (x, context) -> {
                context.state().hideLeadingTokensFromKeys(queries);
                return prepend.forward(x, context);
            });
            host.insert(Site.BLOCK_OUTPUT, i, (x, context) -> {
                context.state().append(QUERY_OUTPUTS, tokens.leading(x));
                return tokens.strip(x);
            });
        }
        int features = depth * queries + 1;
        host.insert(Site.HEAD_INPUT, new QueryCombiner(
                host.linearWeight("vqt.combine_layer.weight", 1, features, Init.ones()), QUERY_OUTPUTS));
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        long perBlock = (long) queries * shape.dim() + queries;
        return shape.depth() * perBlock + 1;
    }
}
