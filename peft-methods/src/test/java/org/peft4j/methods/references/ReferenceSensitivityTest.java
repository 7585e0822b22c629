package org.peft4j.methods.references;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.TestModels;
import org.peft4j.testkit.MethodReference;

/**
 * Pins that the reference fixtures tell wirings apart: a method with the same tensors but another
 * scale, or another wiring of the same adapter, fails the reference it does not compute.
 */
class ReferenceSensitivityTest {

    /** Registers under {@code name} but creates {@code method} with fixed hyperparameters. */
    private record Impostor(String name, String method, Map<String, String> hyperparameters) implements PeftMethodProvider {

        @Override
        public String description() {
            return "a mis-wired " + name + " for tests";
        }

        @Override
        public String citation() {
            return "none";
        }

        @Override
        public HyperparameterSchema schema() {
            return TestModels.provider(name).schema();
        }

        @Override
        public PeftMethod create(Hyperparameters ignored) {
            return TestModels.method(method, hyperparameters);
        }
    }

    private static void assertFails(Impostor impostor, String fixture, String expectedKey) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> MethodReference.check(impostor, MethodReference.fixture(fixture)));
        assertTrue(error.getMessage().contains(expectedKey), error.getMessage());
    }

    @Test
    void adaptformerWithScale0_2FailsTheReferenceAtTheLogits() {
        assertFails(new Impostor("adaptformer", "adaptformer", Map.of("bottleneck", "4", "scale", "0.2", "dropout", "0")),
                "adaptformer", "logits.eval");
    }

    @Test
    void aSequentialAdapterWithTheSameTensorsFailsTheParallelAdaptformerReference() {
        assertFails(new Impostor("adaptformer", "pfeiffer", Map.of("bottleneck", "4", "scale", "0.1", "dropout", "0")),
                "adaptformer", "logits.eval");
    }
}
