package org.peft4j.methods.lora;

import java.util.ArrayList;
import java.util.List;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.blocks.LowRankProjection;

/**
 * LoRA on the fused qkv projection: {@code qkv += B·A·dropout(a)} with a the LN1 output, one A
 * (r × D) shared by q, k and v and B (3D × r), no α/r scaling. Intended init A kaiming-uniform,
 * B zero, so the model starts as the base function.
 */
final class Lora implements PeftMethod, ClosedFormCount, Mergeable {

    private final int rank;
    private final float dropout;
    private final List<LowRankProjection> updates = new ArrayList<>();

    Lora(int rank, float dropout) {
        this.rank = rank;
        this.dropout = dropout;
    }

    @Override
    public void attach(PeftHost host) {
        int d = host.shape().dim();
        for (int i = 0; i < host.shape().depth(); i++) {
            String p = "blocks." + i + ".attn.lora.";
            LowRankProjection update = LowRankProjection.create(
                    host, p + "lora_a.weight", p + "lora_b.weight", d, rank, 3 * d, Init.kaimingUniform(), Init.zeros());
            updates.add(update);
            host.insert(Site.QKV, i, (qkv, context) ->
                    qkv.add(update.up(update.down(context.dropout(context.input(), dropout)))));
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return shape.depth() * LowRankProjection.parameters(shape.dim(), rank, 3L * shape.dim());
    }

    @Override
    public void merge(MergeTarget target) {
        for (int i = 0; i < updates.size(); i++) {
            String weight = "blocks." + i + ".attn.qkv.weight";
            target.set(weight, target.get(weight).add(updates.get(i).product()));
        }
    }
}
