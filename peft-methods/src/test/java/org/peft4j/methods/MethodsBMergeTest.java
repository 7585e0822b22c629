package org.peft4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/** Merging a trained (here: randomly perturbed) mergeable method keeps the eval function exactly. */
class MethodsBMergeTest {

    static Stream<Arguments> mergeable() {
        return Stream.of(
                Arguments.of("lora", Map.of("rank", "4"), false),
                Arguments.of("lora", Map.of("rank", "4"), true),
                Arguments.of("repadapter", Map.of("bottleneck", "8", "scale", "0.5"), false),
                Arguments.of("repadapter", Map.of("bottleneck", "8", "scale", "0.5", "groups", "4"), true),
                Arguments.of("fact_tt", Map.of("dim", "8", "scale", "10"), false),
                Arguments.of("fact_tt", Map.of("dim", "8", "scale", "10"), true),
                Arguments.of("fact_tk", Map.of("dim", "8", "scale", "10"), false),
                Arguments.of("fact_tk", Map.of("dim", "8", "scale", "10"), true));
    }

    @ParameterizedTest(name = "{0} {1} reference-compat={2}")
    @MethodSource("mergeable")
    void mergedModelComputesTheSameFunctionWithBaseParametersOnly(
            String name, Map<String, String> hyperparameters, boolean reference) {
        try (NDManager manager = NDManager.newBaseManager(); VisionTransformer vit = MethodsBModels.tiny(5)) {
            NDArray images = MethodsBModels.images(manager, 4, 13);
            long baseCount = MethodsBModels.allParameters(vit);
            NDArray base = vit.forward(images, false);
            PeftModel model = MethodsBModels.attach(vit, name, hyperparameters, reference);
            MethodsBModels.perturb(model, 0.05f, 17);
            NDArray adapted = vit.forward(images, false);
            assertTrue(MethodsBModels.maxAbsDiff(adapted, base) > 1e-3f, "the perturbation should change the logits");

            model.merge();

            float diff = MethodsBModels.maxAbsDiff(vit.forward(images, false), adapted);
            assertTrue(diff <= 1e-5f, name + ": merged logits differ by " + diff);
            assertEquals(baseCount, MethodsBModels.allParameters(vit));
            assertEquals(0, vit.insertedParameters());
        }
    }
}
