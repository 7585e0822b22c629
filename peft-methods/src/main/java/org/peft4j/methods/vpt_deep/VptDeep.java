package org.peft4j.methods.vpt_deep;

import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.blocks.PromptTokens;

/**
 * VPT-deep ({@code docs/methods.md#vpt_deep}): a separate set of n prompt tokens per block,
 * {@code vpt.prompt_embeddings} (L, n, D). Before block i, set i (with prompt dropout) is
 * prepended; after block i the first n tokens are removed. Count L·n·D (9,216·n for ViT-B/16).
 * Not mergeable.
 */
public final class VptDeep implements PeftMethod, ClosedFormCount {

    private final int prompts;
    private final double dropout;

    /**
     * Creates the method.
     *
     * @param prompts prompt tokens per block
     * @param dropout prompt dropout rate
     */
    public VptDeep(int prompts, double dropout) {
        this.prompts = prompts;
        this.dropout = dropout;
    }

    @Override
    public void attach(PeftHost host) {
        int depth = host.shape().depth();
        PromptTokens tokens = PromptTokens.create(host, "vpt.prompt_embeddings", depth, prompts, dropout);
        for (int i = 0; i < depth; i++) {
            host.insert(Site.BLOCK_INPUT, i, tokens.prepender(i));
            host.insert(Site.BLOCK_OUTPUT, i, tokens.stripper());
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return (long) shape.depth() * prompts * shape.dim();
    }
}
