package org.peft4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Closed-form inserted-parameter counts against counted models and the study's ViT-B/16 formulas. */
class MethodsBCountTest {

    private static final BackboneShape VIT_B16 = VitConfig.preset("vit-b16", 10).shape();

    /** Method, a grid point, its size key, and the study's ViT-B/16 formula in that size. */
    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("lora", Map.of("rank", "8"), "rank", (LongUnaryOperator) r -> 36_864 * r),
                Arguments.of("adaptformer", Map.of("bottleneck", "16"), "bottleneck",
                        (LongUnaryOperator) r -> 18_444 * r + 9_216),
                Arguments.of("pfeiffer", Map.of("bottleneck", "8"), "bottleneck",
                        (LongUnaryOperator) r -> 18_444 * r + 9_216),
                Arguments.of("houlsby", Map.of("bottleneck", "8"), "bottleneck",
                        (LongUnaryOperator) r -> 36_888 * r + 18_432),
                Arguments.of("convpass", Map.of("bottleneck", "8"), "bottleneck",
                        (LongUnaryOperator) r -> 216 * r * r + 36_912 * r + 18_432),
                Arguments.of("repadapter", Map.of("bottleneck", "16"), "bottleneck",
                        (LongUnaryOperator) r -> 27_672 * r + 18_432),
                Arguments.of("fact_tt", Map.of("dim", "32"), "dim", (LongUnaryOperator) d -> 1_536 * d + 144 * d * d),
                Arguments.of("fact_tk", Map.of("dim", "16"), "dim", (LongUnaryOperator) d -> 1_680 * d + d * d * d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void closedFormMatchesTheStudyOnEveryGridPoint(
            String name, Map<String, String> point, String sizeKey, LongUnaryOperator vitB16) {
        PeftMethodProvider provider = MethodsBModels.provider(name);
        for (Hyperparameters h : provider.schema().defaultGrid()) {
            long expected = vitB16.applyAsLong(h.getInt(sizeKey));
            assertEquals(expected, ((ClosedFormCount) provider.create(h)).insertedParameters(VIT_B16), h.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void countedParametersEqualTheClosedFormOnVitTiny(
            String name, Map<String, String> point, String sizeKey, LongUnaryOperator vitB16) {
        try (VisionTransformer vit = MethodsBModels.tiny(1)) {
            PeftMethod method = MethodsBModels.method(name, point);
            PeftModel.attach(vit, method, false);
            assertEquals(((ClosedFormCount) method).insertedParameters(vit.shape()), vit.insertedParameters());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void countedParametersEqualTheStudyOnVitB16(
            String name, Map<String, String> point, String sizeKey, LongUnaryOperator vitB16) {
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-b16", 10), Device.cpu())) {
            PeftModel.attach(vit, MethodsBModels.method(name, point), true);
            assertEquals(vitB16.applyAsLong(Long.parseLong(point.get(sizeKey))), vit.insertedParameters());
        }
    }
}
