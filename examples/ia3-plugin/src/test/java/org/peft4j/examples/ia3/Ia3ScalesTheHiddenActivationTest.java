package org.peft4j.examples.ia3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * With vectors away from one, (IA)³ gives the logits of the explicit formula it replaced: per block
 * {@code qkv ⊙ (1, l_k, l_v)} and {@code fc2(gelu(fc1 x) ⊙ l_ff) = (gelu(fc1 x) ⊙ l_ff)·W2ᵀ + b2},
 * the latter evaluated at fc2's output from fc2's input on an identical backbone.
 */
class Ia3ScalesTheHiddenActivationTest {

    private static final VitConfig CONFIG = VitConfig.preset("vit-tiny", 5);

    @Test
    void logitsMatchTheExplicitFormula() {
        try (VisionTransformer ia3 = seededBackbone();
                VisionTransformer explicit = seededBackbone();
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray images = manager.randomNormal(new Shape(2, 3, 32, 32));
            float[] base = logits(ia3, images);
            Ia3Provider provider = new Ia3Provider();
            PeftModel.attach(ia3, provider.create(provider.schema().validate(Map.of())), false);
            Random random = new Random(11);
            ia3.parameters().where(p -> p.name().contains(".ia3_")).forEach(p -> p.array().set(awayFromOne(
                    random, (int) p.array().size())));
            PeftModel.attach(explicit, formula(ia3), false);
            float[] adapted = logits(ia3, images);
            assertFalse(Arrays.equals(base, adapted), "the vectors change the logits");
            assertArrayEquals(logits(explicit, images), adapted, 1e-4f);
        }
    }

    /** The formula, with the vectors read from the (IA)³ model. */
    private static PeftMethod formula(VisionTransformer ia3) {
        return (PeftHost host) -> {
            BackboneShape shape = host.shape();
            for (int i = 0; i < shape.depth(); i++) {
                String b = "blocks." + i + ".";
                float[] kv = concat(new float[shape.dim()], values(ia3, b + "attn.ia3_k"), values(ia3, b + "attn.ia3_v"));
                Arrays.fill(kv, 0, shape.dim(), 1f);
                ParameterHandle qkvScale = constant(host, b + "formula.qkv", kv);
                ParameterHandle hidden = constant(host, b + "formula.ff", values(ia3, b + "mlp.ia3_ff"));
                ParameterHandle w2 = host.base(b + "mlp.fc2.weight");
                ParameterHandle b2 = host.base(b + "mlp.fc2.bias");
                host.insert(Site.QKV, i, (qkv, c) -> qkv.mul(qkvScale.array()));
                host.insert(Site.FC2, i, (y, c) ->
                        c.input().mul(hidden.array()).matMul(w2.array().transpose()).add(b2.array()));
            }
        };
    }

    private static ParameterHandle constant(PeftHost host, String name, float[] values) {
        return host.parameter(name, new Shape(values.length), (m, s) -> m.create(values, s));
    }

    private static float[] values(VisionTransformer vit, String name) {
        return vit.parameters().get(name).array().toFloatArray();
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static float[] awayFromOne(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1f + 0.5f * (float) random.nextGaussian();
        }
        return values;
    }

    private static VisionTransformer seededBackbone() {
        Engine.getInstance().setRandomSeed(3);
        return VisionTransformer.create(CONFIG, Device.cpu());
    }

    private static float[] logits(VisionTransformer vit, NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }
}
