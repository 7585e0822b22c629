package org.peft4j.methods.lora;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.HfPeftForm;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.blocks.HfPeftLoraConfig;
import org.peft4j.blocks.LowRankProjection;

/**
 * LoRA on the fused qkv projection: {@code qkv += B·A·dropout(a)} with a the LN1 output, one A
 * (r × D) shared by q, k and v and B (3D × r), no α/r scaling. Intended init A kaiming-uniform,
 * B zero, so the model starts as the base function. It is peft's LoRA on timm's {@code qkv} layers
 * with {@code lora_alpha = r}: the same A and B, scaling 1, dropout on the same input.
 */
final class Lora implements PeftMethod, ClosedFormCount, Mergeable, HfPeftForm {

    private final int rank;
    private final double dropout;
    private final List<LowRankProjection> updates = new ArrayList<>();

    Lora(int rank, double dropout) {
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
                    qkv.add(update.up(update.down(context.dropout(context.input(), (float) dropout)))));
        }
    }

    @Override
    public Map<String, Object> hfPeftConfig(BackboneShape shape) {
        return HfPeftLoraConfig.of(rank, dropout, List.of("qkv"), false);
    }

    @Override
    public Map<String, NDArray> hfPeftTensors(BackboneShape shape, Function<String, NDArray> tensors) {
        Map<String, NDArray> peft = new LinkedHashMap<>();
        for (int i = 0; i < shape.depth(); i++) {
            peft.put("blocks." + i + ".attn.qkv.lora_A.weight", tensors.apply("blocks." + i + ".attn.lora.lora_a.weight"));
            peft.put("blocks." + i + ".attn.qkv.lora_B.weight", tensors.apply("blocks." + i + ".attn.lora.lora_b.weight"));
        }
        return peft;
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
