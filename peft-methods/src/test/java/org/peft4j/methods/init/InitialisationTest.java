package org.peft4j.methods.init;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Pins whether a freshly attached adapter method starts as the base function, with its intended init and under reference-compat.
 *
 * <p>Starting as the base means eval logits within 1e-6: with the intended init, methods whose
 * output layer starts at zero do; under reference-compat the re-initialised Linear layers make
 * them differ, except RepAdapter, whose convs keep their init.
 */
class InitialisationTest {

    private static final float SAME = 1e-6f;
    private static final float DIFFERENT = 1e-4f;

    /** Method, hyperparameters, starts as base with intended init, starts as base under reference-compat. */
    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("lora", Map.of(), true, false),
                Arguments.of("adaptformer", Map.of(), true, false),
                Arguments.of("pfeiffer", Map.of("init", "lora_xavier"), true, false),
                Arguments.of("pfeiffer", Map.of("init", "zero"), true, false),
                Arguments.of("pfeiffer", Map.of("init", "xavier"), false, false),
                Arguments.of("houlsby", Map.of(), false, false),
                Arguments.of("convpass", Map.of("xavier_init", "true"), true, false),
                Arguments.of("convpass", Map.of("xavier_init", "false"), true, false),
                Arguments.of("repadapter", Map.of(), true, true),
                Arguments.of("fact_tt", Map.of("dim", "8"), true, false),
                Arguments.of("fact_tk", Map.of("dim", "8"), true, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void intendedInit(String name, Map<String, String> hyperparameters, boolean startsAsBase, boolean unused) {
        assertStart(name, hyperparameters, false, startsAsBase);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void referenceInit(String name, Map<String, String> hyperparameters, boolean unused, boolean startsAsBase) {
        assertStart(name, hyperparameters, true, startsAsBase);
    }

    private static void assertStart(
            String name, Map<String, String> hyperparameters, boolean reference, boolean startsAsBase) {
        try (NDManager manager = NDManager.newBaseManager();
                VisionTransformer vit = TestModels.tiny(3);
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray images = TestModels.images(manager, 4, 11);
            NDArray base = vit.forward(images, false);
            TestModels.attach(vit, name, hyperparameters, reference);
            float diff = TestModels.maxAbsDiff(vit.forward(images, false), base);
            if (startsAsBase) {
                assertTrue(diff <= SAME, name + " should start as the base function; max |Δlogit| = " + diff);
            } else {
                assertTrue(diff > DIFFERENT, name + " should not start as the base function; max |Δlogit| = " + diff);
            }
        }
    }
}
