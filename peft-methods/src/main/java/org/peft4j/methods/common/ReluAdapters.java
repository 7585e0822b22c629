package org.peft4j.methods.common;

import ai.djl.nn.Activation;
import java.util.List;
import org.peft4j.api.PeftHost;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.blocks.AdapterInit;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.BottleneckAdapter;
import org.peft4j.blocks.BranchComposition;

/**
 * The reference's {@code Adapter} module ({@code docs/methods.md#adapter}): a ReLU bottleneck adapter named
 * {@code blocks.{i}.ft_attn_module.*} or {@code blocks.{i}.ft_mlp_module.*} with layers
 * {@code down_proj} and {@code up_proj}, shared by AdaptFormer, Pfeiffer and Houlsby.
 */
public final class ReluAdapters {

    private ReluAdapters() {}

    /**
     * Creates the adapter of one side of one block.
     *
     * @param host the backbone being adapted
     * @param side attention or MLP
     * @param block block index
     * @param settings bottleneck, scale and dropout
     * @param init intended init
     * @return the adapter, not yet inserted
     */
    public static BottleneckAdapter create(
            PeftHost host, BlockSide side, int block, AdapterSettings settings, AdapterInit init) {
        String prefix = side.modulePrefix(block);
        return BottleneckAdapter.create(host, prefix + "down_proj", prefix + "up_proj", host.shape().dim(),
                settings.bottleneck(), init, Activation::relu, settings.dropout(), settings.scale());
    }

    /**
     * Inserts one {@code sequential_after} adapter per block on each given side.
     *
     * @param host the backbone being adapted
     * @param sides the sides that get an adapter, in insertion order
     * @param settings bottleneck, scale and dropout
     * @param init intended init
     */
    public static void insertSequentialAfter(
            PeftHost host, List<BlockSide> sides, AdapterSettings settings, AdapterInit init) {
        for (int i = 0; i < host.shape().depth(); i++) {
            for (BlockSide side : sides) {
                BottleneckAdapter adapter = create(host, side, i, settings, init);
                host.insert(side.branchSite(), i, BranchComposition.sequentialAfter(
                        adapter, ReferenceCompat.requestedBy(host)));
            }
        }
    }

    /**
     * Number of scalars of the adapters {@link #insertSequentialAfter} or one adapter per block
     * on {@code sides} sides create.
     *
     * @param dim token width D
     * @param depth number of blocks L
     * @param sides sides per block
     * @param bottleneck inner width r
     * @return L·sides·(2·D·r + r + D)
     */
    public static long parameters(long dim, long depth, int sides, long bottleneck) {
        return depth * sides * BottleneckAdapter.parameters(dim, bottleneck);
    }
}
