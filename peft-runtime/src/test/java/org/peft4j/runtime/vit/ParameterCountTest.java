package org.peft4j.runtime.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter counts of the created models against docs/methods.md#backbone, timm, and the closed form. */
class ParameterCountTest {

    @Test
    void vitB16MatchesTheStudy() {
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-b16", 102), Device.cpu())) {
            assertEquals(85_798_656L, vit.backboneParameters());
            assertEquals(vit.shape().backboneParameters(), vit.backboneParameters());
            assertEquals(85_798_656L + 78_438L, vit.parameters().count(ModelParameter::isBase), "head = 769 x 102");
            assertEquals(102_912L, vit.parameters().count(p -> p.name().endsWith(".bias") && !p.name().startsWith("head.")),
                    "the bias count BitFit trains");
            assertEquals(38_400L, vit.parameters().count(p -> p.name().contains("norm")), "the LayerNorm parameters");
        }
    }

    @Test
    void vitS16WithAThousandClassesMatchesTimm() {
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-s16", 1000), Device.cpu())) {
            assertEquals(22_050_664L, vit.parameters().count(ModelParameter::isBase));
            assertEquals(vit.shape().backboneParameters(), vit.backboneParameters());
        }
    }

    /** vit-s16 and vit-b16 are checked above, with the models created there. */
    @ParameterizedTest
    @ValueSource(strings = {"vit-micro", "vit-tiny", "vit-l16"})
    void theClosedFormCountsWhatTheModelCreates(String preset) {
        VitConfig config = VitConfig.preset(preset, 10);
        try (VisionTransformer vit = VisionTransformer.create(config, Device.cpu())) {
            assertEquals(config.shape().backboneParameters(), vit.backboneParameters());
        }
    }
}
