package org.peft4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;

/** The registered group-B providers: keys, study grids and capabilities. */
class MethodsBSchemaTest {

    /** Method, hyperparameter keys in order, grid size, mergeable. */
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("lora", List.of("rank", "dropout"), 4, true),
                Arguments.of("adaptformer", List.of("bottleneck", "scale", "dropout"), 9, false),
                Arguments.of("pfeiffer", List.of("bottleneck", "scale", "init", "dropout"), 20, false),
                Arguments.of("houlsby", List.of("bottleneck", "scale", "dropout"), 16, false),
                Arguments.of("convpass", List.of("bottleneck", "scale", "xavier_init", "dropout"), 20, false),
                Arguments.of("repadapter", List.of("bottleneck", "scale", "groups", "dropout"), 15, true),
                Arguments.of("fact_tt", List.of("dim", "scale", "dropout"), 15, true),
                Arguments.of("fact_tk", List.of("dim", "scale", "dropout"), 15, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void schemaAndCapabilities(String name, List<String> keys, int gridSize, boolean mergeable) {
        PeftMethodProvider provider = MethodsBModels.provider(name);
        assertEquals(keys, provider.schema().hyperparameters().stream().map(Hyperparameter::name).toList());
        assertEquals(gridSize, provider.schema().defaultGrid().size());
        Hyperparameter dropout = provider.schema().get("dropout").orElseThrow();
        assertEquals(0.1, dropout.defaultValue());
        assertTrue(dropout.grid().isEmpty());
        PeftMethod method = MethodsBModels.method(name, Map.of());
        assertTrue(method instanceof ClosedFormCount);
        assertEquals(mergeable, method instanceof Mergeable);
        assertTrue(!provider.citation().isBlank() && !provider.description().isBlank());
    }

    @Test
    void convPassTunesTheConvInit() {
        assertEquals(List.of(true, false),
                MethodsBModels.provider("convpass").schema().get("xavier_init").orElseThrow().grid());
    }

    @Test
    void pfeifferOffersTheThreeReferenceInits() {
        Hyperparameter init = MethodsBModels.provider("pfeiffer").schema().get("init").orElseThrow();
        assertEquals(List.of("lora_xavier", "xavier", "zero"), init.choices());
        assertEquals("lora_xavier", init.defaultValue());
        assertThrows(InvalidHyperparameterException.class,
                () -> MethodsBModels.method("pfeiffer", Map.of("init", "kaiming")));
    }

    @Test
    void repAdapterRejectsGroupsThatDoNotDivideTheBottleneck() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> MethodsBModels.method("repadapter", Map.of("bottleneck", "9", "groups", "2")));
        assertEquals("groups", e.key());
    }
}
