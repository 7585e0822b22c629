package org.peft4j.methods.houlsby;

import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AdapterInit;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.methods.common.BlockSide;
import org.peft4j.methods.common.ReluAdapters;

/**
 * Houlsby adapter: per block, {@code out = s·Ad(u) + u} after both the attention and the MLP
 * branch ({@code sequential_after}), two adapters sharing one bottleneck and scale. Intended init
 * {@code xavier} (the study's "rand" variant), so it does not start as the base function.
 */
final class Houlsby implements PeftMethod, ClosedFormCount {

    private static final List<BlockSide> SIDES = List.of(BlockSide.ATTENTION, BlockSide.MLP);

    private final AdapterSettings settings;

    Houlsby(AdapterSettings settings) {
        this.settings = settings;
    }

    @Override
    public void attach(PeftHost host) {
        ReluAdapters.insertSequentialAfter(host, SIDES, settings, AdapterInit.xavier());
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return ReluAdapters.parameters(shape.dim(), shape.depth(), SIDES.size(), settings.bottleneck());
    }
}
