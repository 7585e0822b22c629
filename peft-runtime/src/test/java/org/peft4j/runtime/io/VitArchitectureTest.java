package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** The preset of a checkpoint, from its tensors and its config.json, never guessed. */
class VitArchitectureTest {

    private static final Path FILE = Path.of("model.safetensors");

    private static TensorArchive tensorsOf(VitConfig config) {
        try (VisionTransformer vit = VisionTransformer.create(config, Device.cpu())) {
            Map<String, RawTensor> tensors = new LinkedHashMap<>();
            for (ModelParameter p : vit.parameters().where(ModelParameter::isBase)) {
                tensors.put(p.name(), RawTensor.of(p.array()));
            }
            return new TensorArchive(FILE, tensors, Map.of());
        }
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String refusal(TensorArchive archive, JsonObject config) {
        return assertThrows(CheckpointException.class, () -> VitArchitecture.presetOf(archive, config)).getMessage();
    }

    @Test
    void theTensorsNameThePresetOfEachFamily() {
        assertEquals("vit-micro", VitArchitecture.presetOf(tensorsOf(VitConfig.preset("vit-micro", 3)), null));
        assertEquals("dinov2-micro", VitArchitecture.presetOf(tensorsOf(VitConfig.preset("dinov2-micro", 3)), null));
        assertEquals("vit-tiny", VitArchitecture.presetOf(tensorsOf(VitConfig.preset("vit-tiny", 3)),
                json("{\"model_type\": \"vit\"}")));
    }

    @Test
    void aClipTowerNeedsItsConfigToTellQuickGeluFromGelu() {
        TensorArchive clip = tensorsOf(VitConfig.preset("clip-micro", 3));
        String message = refusal(clip, null);
        assertTrue(message.contains("does not say whether it uses QuickGELU") && message.contains("--model clip-micro"),
                message);
        assertEquals("clip-micro", VitArchitecture.presetOf(clip,
                json("{\"architecture\": \"vit_base_patch16_clip_224\", \"pretrained_cfg\": {\"tag\": \"openai\"}}")));
        assertEquals("clip-micro", VitArchitecture.presetOf(clip,
                json("{\"model_type\": \"clip_vision_model\", \"hidden_act\": \"quick_gelu\"}")));
        message = refusal(clip, json("{\"architecture\": \"vit_base_patch16_clip_224\", "
                + "\"pretrained_cfg\": {\"tag\": \"laion2b_s34b_b88k\"}}"));
        assertTrue(message.contains("declares the clip-gelu family"), message);
    }

    @Test
    void aConfigThatDisagreesWithTheTensorsIsRefused() {
        String message = refusal(tensorsOf(VitConfig.preset("dinov2-micro", 3)),
                json("{\"architecture\": \"vit_base_patch16_224\"}"));
        assertTrue(message.startsWith("model.safetensors: holds a ViT with dim 96, depth 4, patch 14, 17 positions, "
                + "MLP 384, LayerScale (like dinov2-micro) while its config.json declares the supervised family"),
                message);
    }

    @Test
    void aFamilyFeatureNoPresetHasIsRefused() {
        TensorArchive archive = tensorsOf(VitConfig.preset("vit-micro", 3));
        Map<String, RawTensor> tensors = new LinkedHashMap<>(archive.tensors());
        tensors.put("reg_token", tensors.get("cls_token"));
        String message = refusal(new TensorArchive(FILE, tensors, Map.of()), null);
        assertTrue(message.contains("1 registers") && message.contains("which no preset of"), message);
    }
}
