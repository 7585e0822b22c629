package org.peft4j.examples.ia3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;

/**
 * (IA)³ on a ViT: per block, {@code l_k} and {@code l_v} (D values each) multiply the keys and the
 * values element-wise, and {@code l_ff} (H values) multiplies the MLP hidden activation after GELU.
 * All start at one, so the model starts as the base function.
 *
 * <p>Keys and values are scaled at the qkv output ({@link Site#QKV}), so the vectors fold exactly
 * into the rows of the qkv weight and bias that produce k and v. The hidden activation is scaled at
 * its own site, {@link Site#MLP_HIDDEN}, which fc2 reads, so {@code l_ff} folds exactly into the
 * input columns of fc2's weight. Count {@code depth · (2D + H)}, or {@code depth · 2D} without the
 * MLP vector.
 *
 * <p>It is Hugging Face peft's IA3 on timm's {@code qkv} (its output times {@code (1, l_k, l_v)}:
 * peft's vector covers q too, with ones) and {@code fc2} as a feed-forward module (its input times
 * {@code l_ff}).
 */
final class Ia3 implements PeftMethod, Mergeable, ClosedFormCount, HfPeftForm {

    private final boolean mlp;

    Ia3(boolean mlp) {
        this.mlp = mlp;
    }

    @Override
    public void attach(PeftHost host) {
        BackboneShape shape = host.shape();
        for (int i = 0; i < shape.depth(); i++) {
            ParameterHandle keys = host.parameter(keys(i), new Shape(shape.dim()), Init.ones());
            ParameterHandle values = host.parameter(values(i), new Shape(shape.dim()), Init.ones());
            host.insert(Site.QKV, i, (qkv, context) -> qkv.mul(qkvScale(qkv, keys.array(), values.array())));
            if (mlp) {
                ParameterHandle hidden = host.parameter(hidden(i), new Shape(shape.mlpHidden()), Init.ones());
                host.insert(Site.MLP_HIDDEN, i, (activation, context) -> activation.mul(hidden.array()));
            }
        }
    }

    @Override
    public void merge(MergeTarget target) {
        for (int i = 0; i < target.shape().depth(); i++) {
            String qkv = "blocks." + i + ".attn.qkv";
            NDArray weight = target.get(qkv + ".weight");
            NDArray scale = qkvScale(weight, target.get(keys(i)), target.get(values(i)));
            target.set(qkv + ".weight", weight.mul(scale.expandDims(1)));
            target.set(qkv + ".bias", target.get(qkv + ".bias").mul(scale));
            if (mlp) {
                NDArray fc2 = target.get(fc2(i) + ".weight");
                target.set(fc2(i) + ".weight", fc2.mul(target.get(hidden(i)).expandDims(0)));
            }
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return (long) shape.depth() * (2L * shape.dim() + (mlp ? shape.mlpHidden() : 0));
    }

    @Override
    public Map<String, Object> hfPeftConfig(BackboneShape shape) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("peft_type", "IA3");
        c.put("target_modules", mlp ? List.of("qkv", "fc2") : List.of("qkv"));
        c.put("feedforward_modules", mlp ? List.of("fc2") : List.of());
        c.put("fan_in_fan_out", false);
        c.put("init_ia3_weights", true);
        return c;
    }

    @Override
    public Map<String, NDArray> hfPeftTensors(BackboneShape shape, Function<String, NDArray> tensors) {
        Map<String, NDArray> peft = new LinkedHashMap<>();
        for (int i = 0; i < shape.depth(); i++) {
            NDArray keys = tensors.apply(keys(i));
            peft.put("blocks." + i + ".attn.qkv.ia3_l", qkvScale(keys, keys, tensors.apply(values(i))).expandDims(1));
            if (mlp) {
                peft.put(fc2(i) + ".ia3_l", tensors.apply(hidden(i)).expandDims(0));
            }
        }
        return peft;
    }

    /** (1, l_k, l_v): the factor of each of the 3D qkv outputs, made with the manager of {@code like}. */
    private static NDArray qkvScale(NDArray like, NDArray keys, NDArray values) {
        return like.getManager().ones(keys.getShape()).concat(keys, 0).concat(values, 0);
    }

    private static String keys(int block) {
        return "blocks." + block + ".attn.ia3_k";
    }

    private static String values(int block) {
        return "blocks." + block + ".attn.ia3_v";
    }

    private static String hidden(int block) {
        return "blocks." + block + ".mlp.ia3_ff";
    }

    private static String fc2(int block) {
        return "blocks." + block + ".mlp.fc2";
    }
}
