package org.peft4j.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * 30 AdamW steps (lr 1e-3, batch 32) on the method's parameters alone lower the loss. The model is
 * {@link MethodsBModels#micro}: on 2 shared cores a vit-tiny step takes about a second, too slow
 * for 240 steps in a unit test.
 */
class MethodsBTrainingTest {

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("lora", Map.of("rank", "8")),
                Arguments.of("adaptformer", Map.of("bottleneck", "16")),
                Arguments.of("pfeiffer", Map.of("bottleneck", "16")),
                Arguments.of("houlsby", Map.of("bottleneck", "8", "scale", "0.1")),
                Arguments.of("convpass", Map.of("bottleneck", "8")),
                Arguments.of("repadapter", Map.of("bottleneck", "8")),
                Arguments.of("fact_tt", Map.of("dim", "8")),
                Arguments.of("fact_tk", Map.of("dim", "16")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void shortTrainingLowersTheLoss(String name, Map<String, String> hyperparameters) {
        try (VisionTransformer vit = MethodsBModels.micro(9)) {
            MethodsBModels.attach(vit, name, hyperparameters, false);
            MethodsBTraining.Result result = MethodsBTraining.train(vit, 30, 1e-3f);
            System.out.printf("%s: loss %.4f -> %.4f%n", name, result.before(), result.after());
            assertTrue(result.after() < 0.95f * result.before(),
                    name + ": loss " + result.before() + " -> " + result.after());
        }
    }
}
