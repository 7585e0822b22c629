package org.peft4j.methods.adaptformer;

import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.blocks.AdapterInit;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.methods.common.BlockSide;
import org.peft4j.blocks.BranchComposition;
import org.peft4j.methods.common.ReluAdapters;

/**
 * AdaptFormer: per block, {@code out_mlp = MLP(LN2(r1)) + s·Ad(r1)}, where the adapter reads the
 * un-normalised residual stream r1. Intended init {@code lora_kaiming} (up layer zero), so the
 * model starts as the base function.
 */
final class AdaptFormer implements PeftMethod, ClosedFormCount {

    private final AdapterSettings settings;

    AdaptFormer(AdapterSettings settings) {
        this.settings = settings;
    }

    @Override
    public void attach(PeftHost host) {
        for (int i = 0; i < host.shape().depth(); i++) {
            host.insert(BlockSide.MLP.branchSite(), i, BranchComposition.parallel(
                    ReluAdapters.create(host, BlockSide.MLP, i, settings, AdapterInit.loraKaiming()),
                    BranchComposition.Input.RESIDUAL_STREAM,
                    ReferenceCompat.requestedBy(host)));
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return ReluAdapters.parameters(shape.dim(), shape.depth(), 1, settings.bottleneck());
    }
}
