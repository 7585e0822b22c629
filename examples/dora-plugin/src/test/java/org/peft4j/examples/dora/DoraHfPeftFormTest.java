package org.peft4j.examples.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.HfPeftForm;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The Hugging Face peft form: LoRA with {@code use_dora} and {@code lora_alpha = r} on qkv and the
 * attention output projection (as the suffix {@code attn.proj}, which the patch embedding's
 * {@code proj} does not end with), A, B and m under peft 0.21.2's names.
 */
class DoraHfPeftFormTest {

    private static final BackboneShape SHAPE = VitConfig.preset("vit-micro", 3).shape();

    @Test
    void directionAndMagnitudeKeepTheirValuesUnderPeftsNames() {
        HfPeftForm form = (HfPeftForm) new DoraProvider().create(new DoraProvider().schema().validate(
                Map.of(DoraProvider.RANK, "4", DoraProvider.TARGETS, "qkv_proj")));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> file = new HashMap<>();
            for (int i = 0; i < SHAPE.depth(); i++) {
                for (String layer : List.of("qkv", "proj")) {
                    String p = "blocks." + i + ".attn." + layer;
                    file.put(p + ".dora_a.weight", manager.zeros(new Shape(1)));
                    file.put(p + ".dora_b.weight", manager.zeros(new Shape(1)));
                    file.put(p + ".dora_m", manager.zeros(new Shape(1)));
                }
            }

            Map<String, NDArray> peft = form.hfPeftTensors(SHAPE, file::get);

            assertEquals(file.size(), peft.size());
            assertSame(file.get("blocks.3.attn.proj.dora_a.weight"), peft.get("blocks.3.attn.proj.lora_A.weight"));
            assertSame(file.get("blocks.3.attn.proj.dora_b.weight"), peft.get("blocks.3.attn.proj.lora_B.weight"));
            assertSame(file.get("blocks.0.attn.qkv.dora_m"), peft.get("blocks.0.attn.qkv.lora_magnitude_vector"));
        }
        Map<String, Object> config = form.hfPeftConfig(SHAPE);
        assertEquals("LORA", config.get("peft_type"));
        assertEquals(true, config.get("use_dora"));
        assertEquals(4, config.get("r"));
        assertEquals(4, config.get("lora_alpha"), "lora_alpha = r: peft's scaling is exactly 1");
        assertEquals(List.of("qkv", "attn.proj"), config.get("target_modules"));
    }
}
