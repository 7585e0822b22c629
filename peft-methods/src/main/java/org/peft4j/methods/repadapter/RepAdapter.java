package org.peft4j.methods.repadapter;

import java.util.ArrayList;
import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.methods.common.BlockSide;

/**
 * RepAdapter: per block, {@code RA(x) = x + s·(B̃·dropout(A·x + a) + b)} transforms the LN1 output
 * before qkv and the LN2 output before fc1 ({@code sequential_before}). Its convs start with B = 0,
 * so the model starts as the base function in both modes; merging folds it into qkv and fc1.
 */
final class RepAdapter implements PeftMethod, ClosedFormCount, Mergeable {

    private final AdapterSettings settings;
    private final int groups;
    private final List<Placed> modules = new ArrayList<>();

    /** A module and the side of the block it sits on. */
    private record Placed(int block, BlockSide side, RepAdapterModule module) {}

    RepAdapter(AdapterSettings settings, int groups) {
        this.settings = settings;
        this.groups = groups;
    }

    @Override
    public void attach(PeftHost host) {
        BackboneShape shape = host.shape();
        if (shape.dim() % groups != 0) {
            throw new IllegalArgumentException("repadapter groups " + groups + " do not divide the token width "
                    + shape.dim() + "; choose groups that divide it");
        }
        for (int i = 0; i < shape.depth(); i++) {
            for (BlockSide side : BlockSide.values()) {
                RepAdapterModule module = RepAdapterModule.create(host, side.modulePrefix(i), shape.dim(), settings, groups);
                modules.add(new Placed(i, side, module));
                host.insert(side.normSite(), i, module::forward);
            }
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return 2L * shape.depth() * RepAdapterModule.parameters(shape.dim(), settings.bottleneck(), groups);
    }

    @Override
    public void merge(MergeTarget target) {
        for (Placed placed : modules) {
            String linear = placed.side().firstLinear(placed.block());
            placed.module().mergeInto(target, linear + ".weight", linear + ".bias");
        }
    }
}
