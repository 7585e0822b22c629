package org.peft4j.methods.pfeiffer;

import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.methods.common.BlockSide;
import org.peft4j.methods.common.ReluAdapters;

/** Pfeiffer adapter: per block, {@code out_mlp = s·Ad(u) + u} with u the MLP branch ({@code sequential_after}). */
final class Pfeiffer implements PeftMethod, ClosedFormCount {

    private final AdapterSettings settings;
    private final PfeifferInit init;

    Pfeiffer(AdapterSettings settings, PfeifferInit init) {
        this.settings = settings;
        this.init = init;
    }

    @Override
    public void attach(PeftHost host) {
        ReluAdapters.insertSequentialAfter(
                host, List.of(BlockSide.MLP), settings, init.adapterInit(host.shape().dim()));
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return ReluAdapters.parameters(shape.dim(), shape.depth(), 1, settings.bottleneck());
    }
}
