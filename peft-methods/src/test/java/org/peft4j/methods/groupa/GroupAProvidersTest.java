package org.peft4j.methods.groupa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.SpiVersion;

/** The group-A providers are registered with the study's hyperparameters and grids. */
class GroupAProvidersTest {

    @ParameterizedTest
    @ValueSource(strings = {"linear", "full", "ln", "bitfit", "difffit", "ssf", "vpt_shallow", "vpt_deep", "vqt",
            "selective"})
    void providerIsRegisteredAndCreatesACountableMethod(String name) {
        PeftMethodProvider provider = GroupAMethod.provider(name);
        assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        assertFalse(provider.description().isBlank());
        assertFalse(provider.citation().isBlank());
        PeftMethod method = provider.create(provider.schema().validate(Map.of()));
        assertInstanceOf(ClosedFormCount.class, method);
        boolean prompting = name.startsWith("vpt") || name.equals("vqt");
        assertEquals(!prompting, method instanceof Mergeable, "mergeable");
    }

    @Test
    void methodsWithoutHyperparametersHaveOneGridPoint() {
        for (String name : List.of("linear", "full", "ln", "bitfit", "difffit", "ssf")) {
            PeftMethodProvider provider = GroupAMethod.provider(name);
            assertTrue(provider.schema().hyperparameters().isEmpty(), name);
            assertEquals(1, provider.schema().defaultGrid().size(), name);
        }
    }

    @Test
    void promptMethodsTuneTheNumberOfPromptsAndFixTheDropout() {
        assertEquals(List.of(5, 10, 50, 100, 200), promptGrid("vpt_shallow"));
        assertEquals(List.of(5, 10, 50, 100), promptGrid("vpt_deep"));
        assertEquals(List.of(5, 10, 50), promptGrid("vqt"));
        for (String name : List.of("vpt_shallow", "vpt_deep", "vqt")) {
            Hyperparameter dropout = GroupAMethod.provider(name).schema().get("dropout").orElseThrow();
            assertEquals(0.1, dropout.defaultValue());
            assertTrue(dropout.grid().isEmpty());
        }
    }

    @Test
    void selectiveOffersEveryPartAndCountsLastBlocks() {
        Hyperparameter part = GroupAMethod.provider("selective").schema().get("part").orElseThrow();
        assertEquals(List.of("attn_qkv", "attn_proj", "attn", "mlp_fc1", "mlp_fc2", "mlp", "block"), part.choices());
        assertEquals(1, GroupAMethod.provider("selective").schema().get("blocks").orElseThrow().defaultValue());
    }

    private static List<Object> promptGrid(String name) {
        return GroupAMethod.provider(name).schema().defaultGrid().stream()
                .map(point -> point.asMap().get("prompts"))
                .collect(Collectors.toList());
    }
}
