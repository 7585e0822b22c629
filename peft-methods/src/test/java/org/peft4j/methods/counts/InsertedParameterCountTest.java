package org.peft4j.methods.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameters;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;
import org.peft4j.testkit.InsertedParameterCounter;

/**
 * Pins every built-in method's inserted-parameter count on ViT-B/16 to the study's table {@code docs/study/param-counts.tsv}.
 *
 * <p>This is the one place that checks counts against the study. Every row of the table (read
 * from the repository, not copied): the method, built on the real vit-b16 with the row's
 * hyperparameters, makes exactly the listed number of non-head parameters trainable, with the
 * intended init and under reference-compat, and its closed form agrees. Reference method names
 * and keys are mapped to peft4j's; a row whose method is not registered fails. Every point of the
 * default grid of a method the table covers has a row, and the methods the table does not cover
 * (the reference never ran them) are checked against {@code docs/methods.md}'s summary instead,
 * so every registered method is counted. That counts equal closed forms on small ViTs of other
 * shapes is the conformance kit's check ({@code MethodConformance}).
 */
class InsertedParameterCountTest {

    /** The study's table, relative to this module's folder (surefire's working directory). */
    private static final Path TABLE = Path.of("..", "docs", "study", "param-counts.tsv");

    /**
     * Methods the table does not cover, at the points and with the ViT-B/16 counts of
     * {@code docs/methods.md}'s summary: VQT L·n·(D + 1) + 1, selective tuning blocks × part size.
     */
    private static final List<Row> NOT_IN_THE_TABLE = List.of(
            new Row(0, "docs/methods.md", "vqt", Map.of("prompts", "10"), 9_228 * 10 + 1),
            new Row(0, "docs/methods.md", "selective", Map.of("part", "block", "blocks", "1"), 7_087_872),
            new Row(0, "docs/methods.md", "selective", Map.of("part", "attn_qkv", "blocks", "3"), 3 * 1_771_776));

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
            return line == 0 ? reference : "param-counts.tsv line " + line + " (" + reference + ")";
        }
    }

    @BeforeAll
    static void buildVitB16() {
        registry = MethodRegistry.classpath(InsertedParameterCountTest.class.getClassLoader());
        counter = new InsertedParameterCounter(VitConfig.preset("vit-b16", 10));
    }

    @AfterAll
    static void close() {
        counter.close();
        registry.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRowMatchesTheCountedAndTheClosedForm() throws IOException {
        return Stream.concat(rows().stream(), NOT_IN_THE_TABLE.stream())
                .map(row -> dynamicTest(row.where() + " -> " + row.method() + " " + row.hyperparameters(),
                        () -> check(row)));
    }

    @Test
    void everyRegisteredMethodIsCounted() throws IOException {
        Set<String> counted = new TreeSet<>();
        rows().forEach(row -> counted.add(row.method()));
        NOT_IN_THE_TABLE.forEach(row -> counted.add(row.method()));
        Set<String> registered = new TreeSet<>(registry.names());
        registered.removeAll(counted);
        assertEquals(Set.of(), registered, "registered methods without a count in the table or in docs/methods.md");
    }

    /**
     * The rows of each reference method are exactly the points of its peft4j grid: the translated
     * method's grid at the hyperparameters the reference name implies (Pfeiffer's init), so every
     * point a comparison tunes has a count and no row is outside the grid.
     */
    @Test
    void everyTabledMethodsRowsAreExactlyItsGrid() throws IOException {
        Map<String, Set<Hyperparameters>> tabled = new TreeMap<>();
        for (Row row : rows()) {
            String reference = row.reference().split(" ")[0];
            tabled.computeIfAbsent(reference, m -> new HashSet<>())
                    .add(registry.create(row.method(), row.hyperparameters()).hyperparameters());
        }
        tabled.forEach((reference, points) -> {
            Translation t = METHODS.getOrDefault(reference, new Translation(reference, Map.of()));
            List<Hyperparameters> grid = registry.method(t.method()).provider().schema().grid(t.hyperparameters());
            assertEquals(grid.size(), new HashSet<>(grid).size(), reference + ": grid points are distinct");
            assertEquals(new HashSet<>(grid), points, reference + ": the table's rows against " + t.method() + "'s grid"
                    + (t.hyperparameters().isEmpty() ? "" : " at " + t.hyperparameters()));
        });
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
        assertEquals(row.expected(), counter.count(registry.create(row.method(), row.hyperparameters()).method(), true),
                row.where() + ": trainable non-head parameters counted on vit-b16 under reference-compat");
        assertTrue(instance.method() instanceof ClosedFormCount, row.where() + ": " + row.method()
                + " does not implement ClosedFormCount");
        assertEquals(row.expected(), ((ClosedFormCount) instance.method()).insertedParameters(counter.shape()),
                row.where() + ": closed-form count on vit-b16");
    }

    private static List<Row> rows() throws IOException {
        assertTrue(Files.isRegularFile(TABLE), TABLE.toAbsolutePath().normalize() + " is missing");
        List<String> lines = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
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
