package org.peft4j.examples.dora;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.HfPeftForm;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.blocks.HfPeftLoraConfig;

/**
 * DoRA on every block's qkv projection (and, if asked, the attention output projection): each
 * adapted weight becomes {@code W' = m ⊙ (W + B·A) / ‖W + B·A‖}, see {@link DoraLayer}. It starts
 * as the base function (B = 0, m = ‖W‖), folds into the weights exactly, and adds
 * {@code r·(in + out) + out} parameters per adapted layer. It is Hugging Face peft's LoRA with
 * {@code use_dora} on the same layers, with {@code lora_alpha = r}.
 */
final class Dora implements PeftMethod, Mergeable, ClosedFormCount, HfPeftForm {

    /** The adapted layers. */
    enum Targets {
        /** The fused qkv projection. */
        QKV,
        /** The fused qkv projection and the attention output projection. */
        QKV_PROJ
    }

    private final int rank;
    private final boolean proj;
    private final List<DoraLayer> layers = new ArrayList<>();

    Dora(int rank, Targets targets) {
        this.rank = rank;
        this.proj = targets == Targets.QKV_PROJ;
    }

    @Override
    public void attach(PeftHost host) {
        int d = host.shape().dim();
        for (int i = 0; i < host.shape().depth(); i++) {
            String attn = "blocks." + i + ".attn.";
            DoraLayer qkv = DoraLayer.create(host, attn + "qkv", d, 3 * d, rank);
            layers.add(qkv);
            host.insert(Site.QKV, i, (y, context) -> qkv.forward(y, context.input()));
            if (proj) {
                DoraLayer out = DoraLayer.create(host, attn + "proj", d, d, rank);
                layers.add(out);
                host.insert(Site.PROJ, i, (y, context) -> out.forward(y, context.input()));
            }
        }
    }

    @Override
    public void merge(MergeTarget target) {
        for (DoraLayer layer : layers) {
            layer.merge(target);
        }
    }

    @Override
    public Map<String, Object> hfPeftConfig(BackboneShape shape) {
        return HfPeftLoraConfig.of(rank, 0, proj ? List.of("qkv", "attn.proj") : List.of("qkv"), true);
    }

    @Override
    public Map<String, NDArray> hfPeftTensors(BackboneShape shape, Function<String, NDArray> tensors) {
        Map<String, NDArray> peft = new LinkedHashMap<>();
        for (int i = 0; i < shape.depth(); i++) {
            DoraLayer.hfPeftTensors("blocks." + i + ".attn.qkv", tensors, peft);
            if (proj) {
                DoraLayer.hfPeftTensors("blocks." + i + ".attn.proj", tensors, peft);
            }
        }
        return peft;
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        long d = shape.dim();
        long perBlock = DoraLayer.parameters(d, 3 * d, rank) + (proj ? DoraLayer.parameters(d, d, rank) : 0);
        return shape.depth() * perBlock;
    }
}
