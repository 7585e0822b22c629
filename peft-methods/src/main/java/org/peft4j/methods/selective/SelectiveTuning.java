package org.peft4j.methods.selective;

import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;

/**
 * Selective tuning ({@code docs/methods.md#selective}): one part of each of the last {@code blocks} blocks is
 * trained, e.g. {@code part = attn, blocks = 2} trains {@code blocks.10.attn.*} and
 * {@code blocks.11.attn.*} of ViT-B/16. Blocks are named exactly, unlike the reference's substring
 * match, where index 1 would also select block 11. Only base weights are trained, so merging has
 * nothing to fold.
 */
public final class SelectiveTuning implements PeftMethod, Mergeable, ClosedFormCount {

    private final SelectivePart part;
    private final int blocks;

    SelectiveTuning(SelectivePart part, int blocks) {
        this.part = part;
        this.blocks = blocks;
    }

    @Override
    public void attach(PeftHost host) {
        int depth = checkedDepth(host.shape());
        String[] globs = new String[blocks];
        for (int k = 0; k < blocks; k++) {
            globs[k] = part.glob(depth - blocks + k);
        }
        host.train(ParameterSelector.globs(globs));
    }

    /** Nothing to fold: only base weights were trained. */
    @Override
    public void merge(MergeTarget target) {
        // the trained base weights are the merged model
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return insertedParameters(shape, BackboneLayout.standard(shape));
    }

    /** The part per block; a whole block also has its two LayerScale γ where the family has them. */
    @Override
    public long insertedParameters(BackboneShape shape, BackboneLayout layout) {
        checkedDepth(shape);
        long layerScale = part == SelectivePart.BLOCK && layout.layerScale() ? 2L * shape.dim() : 0;
        return blocks * (part.perBlock(shape) + layerScale);
    }

    private int checkedDepth(BackboneShape shape) {
        if (blocks > shape.depth()) {
            throw new InvalidHyperparameterException(SelectiveTuningProvider.BLOCKS, blocks
                    + " exceeds the backbone's " + shape.depth() + " blocks; give at most " + shape.depth());
        }
        return shape.depth();
    }
}
