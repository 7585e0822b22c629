package org.peft4j.methods.vpt_shallow;

import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.api.Site;
import org.peft4j.blocks.PromptTokens;

/**
 * VPT-shallow ({@code docs/methods.md#vpt_shallow}): n prompt tokens {@code vpt.prompt_embeddings} (1, n, D), with
 * prompt dropout, are prepended before block 0, giving [prompts, CLS, patches]; they take part in
 * attention in both directions. By default (the paper) they stay through every block and are
 * removed after the last one, before the final norm, so the head reads the CLS token. Under
 * reference-compat they are removed right after block 0 ({@code docs/methods.md#reference-defects}). Count n·D (768·n for
 * ViT-B/16). Not mergeable.
 */
public final class VptShallow implements PeftMethod, ClosedFormCount {

    private final int prompts;
    private final double dropout;

    /**
     * Creates the method.
     *
     * @param prompts number of prompt tokens
     * @param dropout prompt dropout rate
     */
    public VptShallow(int prompts, double dropout) {
        this.prompts = prompts;
        this.dropout = dropout;
    }

    @Override
    public void attach(PeftHost host) {
        PromptTokens tokens = PromptTokens.create(host, "vpt.prompt_embeddings", 1, prompts, dropout);
        host.insert(Site.BLOCK_INPUT, 0, tokens.prepender(0));
        int lastBlockWithPrompts = ReferenceCompat.requestedBy(host) ? 0 : host.shape().depth() - 1;
        host.insert(Site.BLOCK_OUTPUT, lastBlockWithPrompts, tokens.stripper());
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return (long) prompts * shape.dim();
    }
}
