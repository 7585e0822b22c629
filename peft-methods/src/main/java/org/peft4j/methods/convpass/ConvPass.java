package org.peft4j.methods.convpass;

import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.blocks.AdapterInit;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.methods.common.BlockSide;
import org.peft4j.blocks.BottleneckAdapter;
import org.peft4j.blocks.BranchComposition;

/**
 * ConvPass: per block and side, {@code s·up(dropout(qgelu(conv(qgelu(down(a))))))} added in
 * parallel to the branch, where a is the branch's LayerNorm output and conv a 3×3 convolution over
 * the patch grid. Intended init {@code lora_xavier} for down/up (up zero, so the model starts as
 * the base function); the conv is xavier-uniform or an identity centre tap, in both modes.
 */
final class ConvPass implements PeftMethod, ClosedFormCount {

    private final AdapterSettings settings;
    private final boolean xavierConv;

    ConvPass(AdapterSettings settings, boolean xavierConv) {
        this.settings = settings;
        this.xavierConv = xavierConv;
    }

    @Override
    public void attach(PeftHost host) {
        BackboneLayout.of(host, host.shape()).requireClassTokenOnly("convpass");
        BackboneShape shape = host.shape();
        for (int i = 0; i < shape.depth(); i++) {
            for (BlockSide side : BlockSide.values()) {
                String prefix = side.modulePrefix(i);
                PatchGridConv conv = PatchGridConv.create(
                        host, prefix + "adapter_conv", settings.bottleneck(), shape.gridSize(), xavierConv);
                BottleneckAdapter bypass = BottleneckAdapter.create(host, prefix + "adapter_down", prefix + "adapter_up",
                        shape.dim(), settings.bottleneck(), AdapterInit.loraXavier(),
                        z -> QuickGelu.apply(conv.apply(QuickGelu.apply(z))), settings.dropout(), settings.scale());
                host.insert(side.branchSite(), i, BranchComposition.parallel(
                        bypass, BranchComposition.Input.NORMALISED, ReferenceCompat.requestedBy(host)));
            }
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        long r = settings.bottleneck();
        long perModule = BottleneckAdapter.parameters(shape.dim(), r) + PatchGridConv.parameters(r);
        return 2L * shape.depth() * perModule;
    }
}
