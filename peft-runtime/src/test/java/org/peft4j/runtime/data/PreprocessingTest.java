package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The preset table against timm 1.0.12's pretrained_cfg of the mirrored models (printed by
 * {@code timm.models.get_pretrained_cfg(name).to_dict()}), and timm's hub config.json form.
 */
class PreprocessingTest {

    @Test
    void presetsCarryTimmsPretrainedCfg() {
        // vit_base_patch16_224.augreg2_in21k_ft_in1k: (3, 224, 224), mean = std = 0.5, bicubic, crop_pct 0.9
        assertEquals(new Preprocessing(224, Normalization.INCEPTION, "bicubic", 0.9), Preprocessing.ofPreset("vit-b16", 224));
        // vit_base_patch14_dinov2.lvd142m: (3, 518, 518), IMAGENET_DEFAULT_MEAN/STD, bicubic, crop_pct 1.0
        assertEquals(new Preprocessing(518, Normalization.IMAGENET, "bicubic", 1.0), Preprocessing.ofPreset("dinov2-b14", 518));
        // vit_base_patch16_clip_224.openai: OPENAI_CLIP_MEAN/STD, bicubic, crop_pct 0.9
        assertEquals(new Preprocessing(224, Normalization.CLIP, "bicubic", 0.9), Preprocessing.ofPreset("clip-b16", 224));
        // vit_base_patch16_224.mae: IMAGENET_DEFAULT_MEAN/STD, bicubic, crop_pct 0.9
        assertEquals(new Preprocessing(224, Normalization.IMAGENET, "bicubic", 0.9), Preprocessing.ofPreset("mae-b16", 224));
        assertEquals(new Preprocessing(48, Normalization.NONE, "bicubic", 1.0), Preprocessing.ofPreset("custom", 48));
        assertEquals(new Preprocessing(64, Normalization.NONE, "bicubic", 0.9),
                Preprocessing.forRun("vit-b16", 64, Normalization.NONE));
    }

    @Test
    void timmsHubConfigIsRead() {
        // the config.json of timm/vit_base_patch16_clip_224.openai, shortened
        JsonObject config = JsonParser.parseString("""
                {"architecture": "vit_base_patch16_clip_224", "num_classes": 0,
                 "pretrained_cfg": {"tag": "openai", "input_size": [3, 224, 224], "interpolation": "bicubic",
                  "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
                  "crop_pct": 1.0, "crop_mode": "center"}}""").getAsJsonObject();
        assertEquals(Optional.of(new Preprocessing(224, Normalization.CLIP, "bicubic", 1.0)),
                Preprocessing.fromPretrainedCfg(config, 32));
        assertEquals(Optional.empty(), Preprocessing.fromPretrainedCfg(
                JsonParser.parseString("{\"hidden_size\": 96}").getAsJsonObject(), 32), "a transformers config");
        JsonObject odd = JsonParser.parseString("{\"mean\": [0.4, 0.4, 0.4], \"std\": [0.2, 0.2, 0.2]}").getAsJsonObject();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preprocessing.fromPretrainedCfg(odd, 32));
        assertTrue(e.getMessage().contains("which are none of peft4j's normalisations (none, imagenet, inception, clip)"),
                e.getMessage());
    }

    @Test
    void jsonRoundTrips() {
        Preprocessing p = new Preprocessing(384, Normalization.INCEPTION, "bicubic", 1.0);
        assertEquals("{\"input_size\":384,\"normalization\":\"inception\",\"interpolation\":\"bicubic\",\"crop_pct\":1.0}",
                p.toJson());
        assertEquals(p, Preprocessing.fromJson(p.toJson()));
    }
}
