package org.peft4j.examples.ia3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.HfPeftForm;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The Hugging Face peft form: IA3 on qkv (output scaled by (1, l_k, l_v), shape 3D × 1) and on fc2
 * as a feed-forward module (input scaled by l_ff, shape 1 × H), the shapes peft 0.21.2 saves.
 */
class Ia3HfPeftFormTest {

    private static final BackboneShape SHAPE = VitConfig.preset("vit-micro", 3).shape();

    @Test
    void keysValuesAndHiddenScalesBecomePeftsIa3Vectors() {
        HfPeftForm form = (HfPeftForm) new Ia3Provider().create(new Ia3Provider().schema().validate(Map.of()));
        int d = SHAPE.dim();
        int h = SHAPE.mlpHidden();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> file = new HashMap<>();
            for (int i = 0; i < SHAPE.depth(); i++) {
                file.put("blocks." + i + ".attn.ia3_k", manager.arange(0f, d).add(10f * i));
                file.put("blocks." + i + ".attn.ia3_v", manager.arange(100f, 100f + d));
                file.put("blocks." + i + ".mlp.ia3_ff", manager.arange(0f, h).neg());
            }

            Map<String, NDArray> peft = form.hfPeftTensors(SHAPE, file::get);

            assertEquals(2 * SHAPE.depth(), peft.size());
            NDArray qkv = peft.get("blocks.2.attn.qkv.ia3_l");
            assertEquals(new Shape(3L * d, 1), qkv.getShape());
            NDArray expected = manager.ones(new Shape(d)).concat(file.get("blocks.2.attn.ia3_k"))
                    .concat(file.get("blocks.2.attn.ia3_v"));
            assertArrayEquals(expected.toFloatArray(), qkv.toFloatArray());
            NDArray fc2 = peft.get("blocks.2.mlp.fc2.ia3_l");
            assertEquals(new Shape(1, h), fc2.getShape());
            assertArrayEquals(file.get("blocks.2.mlp.ia3_ff").toFloatArray(), fc2.toFloatArray());
        }
        Map<String, Object> config = form.hfPeftConfig(SHAPE);
        assertEquals("IA3", config.get("peft_type"));
        assertEquals(List.of("qkv", "fc2"), config.get("target_modules"));
        assertEquals(List.of("fc2"), config.get("feedforward_modules"));
    }

    @Test
    void withoutTheMlpVectorOnlyQkvIsAdapted() {
        HfPeftForm form = (HfPeftForm) new Ia3Provider().create(
                new Ia3Provider().schema().validate(Map.of(Ia3Provider.MLP, "false")));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> peft = form.hfPeftTensors(SHAPE, name -> manager.ones(new Shape(SHAPE.dim())));
            assertEquals(Set.of("blocks.0.attn.qkv.ia3_l", "blocks.1.attn.qkv.ia3_l", "blocks.2.attn.qkv.ia3_l",
                    "blocks.3.attn.qkv.ia3_l"), peft.keySet());
        }
        assertEquals(List.of("qkv"), form.hfPeftConfig(SHAPE).get("target_modules"));
        assertEquals(List.of(), form.hfPeftConfig(SHAPE).get("feedforward_modules"));
    }
}
