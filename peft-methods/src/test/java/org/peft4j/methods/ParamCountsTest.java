package org.peft4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;
import org.peft4j.testkit.InsertedParameterCounter;

/**
 * Every row of the specification's {@code param_counts.tsv} (copied to {@code spec/}): the method,
 * built on the real vit-b16 with the row's hyperparameters, makes exactly the listed number of
 * non-head parameters trainable, and its closed form agrees. Reference method names and keys are
 * mapped to peft4j's. A row whose method is not registered fails.
 */
class ParamCountsTest {

    private static final String TABLE = "spec/param_counts.tsv";

    /** Reference method names that peft4j spells differently, with the hyperparameters they imply. */
    private static final Map<String, Translation> METHODS = Map.of(
            "lora_p_adapter", new Translation("pfeiffer", Map.of("init", "lora_xavier")),
            "rand_p_adapter", new Translation("pfeiffer", Map.of("init", "xavier")),
            "zero_adapter", new Translation("pfeiffer", Map.of("init", "zero")),
            "rand_h_adapter", new Translation("houlsby", Map.of()));

    /** Reference hyperparameter keys that peft4j spells differently. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("lora_bottleneck", "rank"),
            Map.entry("adapter_bottleneck", "bottleneck"),
            Map.entry("adapter_scaler", "scale"),
            Map.entry("convpass_bottleneck", "bottleneck"),
            Map.entry("convpass_scaler", "scale"),
            Map.entry("convpass_xavier_init", "xavier_init"),
            Map.entry("repadapter_bottleneck", "bottleneck"),
            Map.entry("repadapter_scaler", "scale"),
            Map.entry("fact_dim", "dim"),
            Map.entry("fact_scaler", "scale"),
            Map.entry("vpt_num", "prompts"));

    private static MethodRegistry registry;
    private static InsertedParameterCounter counter;

    /** A peft4j method name and the hyperparameters a reference name stands for. */
    private record Translation(String method, Map<String, String> hyperparameters) {}

    /** One row, translated. */
    private record Row(int line, String reference, String method, Map<String, String> hyperparameters, long expected) {

        String where() {
            return TABLE + " line " + line + " (" + reference + ")";
        }
    }

    @BeforeAll
    static void buildVitB16() {
        registry = MethodRegistry.classpath(ParamCountsTest.class.getClassLoader());
        counter = new InsertedParameterCounter(VitConfig.preset("vit-b16", 10));
    }

    @AfterAll
    static void close() {
        counter.close();
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRowMatchesTheCountedAndTheClosedForm() throws IOException {
        return rows().stream().map(row -> dynamicTest(row.where() + " -> " + row.method() + " " + row.hyperparameters(),
                () -> check(row)));
    }

    private static void check(Row row) {
        MethodInstance instance = null;
        try {
            instance = registry.create(row.method(), row.hyperparameters());
        } catch (IllegalArgumentException e) {
            fail(row.where() + ": " + e.getMessage());
        }
        assertEquals(row.expected(), counter.count(instance.method()),
                row.where() + ": trainable non-head parameters counted on vit-b16");
        assertTrue(instance.method() instanceof ClosedFormCount, row.where() + ": " + row.method()
                + " does not implement ClosedFormCount");
        assertEquals(row.expected(), ((ClosedFormCount) instance.method()).insertedParameters(counter.shape()),
                row.where() + ": closed-form count on vit-b16");
    }

    private static List<Row> rows() throws IOException {
        List<String> lines;
        try (InputStream in = ParamCountsTest.class.getClassLoader().getResourceAsStream(TABLE)) {
            assertTrue(in != null, TABLE + " is missing from the test resources");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals("method\thyperparameters\tinserted_params_vitb16\trepo_reported", lines.get(0), TABLE + " header");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(row(i + 1, lines.get(i).split("\t", -1)));
            }
        }
        return rows;
    }

    private static Row row(int line, String[] cells) {
        Translation translation = METHODS.getOrDefault(cells[0], new Translation(cells[0], Map.of()));
        Map<String, String> hyperparameters = new LinkedHashMap<>(translation.hyperparameters());
        if (!cells[1].equals("-")) {
            for (String pair : cells[1].split(";")) {
                String[] kv = pair.split("=", 2);
                hyperparameters.put(KEYS.getOrDefault(kv[0], kv[0]), kv[1]);
            }
        }
        return new Row(line, cells[0] + " " + cells[1], translation.method(), hyperparameters, Long.parseLong(cells[2]));
    }
}
