package org.peft4j.methods.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.api.SpiVersion;
import org.peft4j.methods.TestModels;

/**
 * Pins every built-in provider's registration, hyperparameter schema and capabilities, and its tuning grid to {@code docs/study/grids.tsv}.
 *
 * <p>The grids are checked against the study's table where it covers a method (every method but
 * {@code vqt} and {@code selective}, which the reference never tuned); the conformance kit checks
 * the schema's own consistency (bounds, defaults, every grid point creates a method).
 */
class HyperparameterSchemaTest {

    /** The study's grids, relative to this module's folder (surefire's working directory). */
    private static final Path GRIDS = Path.of("..", "docs", "study", "grids.tsv");

    /** The reference method whose grid each peft4j method uses, where the names differ. */
    private static final Map<String, String> REFERENCE_NAMES = Map.of("pfeiffer", "lora_p_adapter", "houlsby", "rand_h_adapter");

    /** Reference methods that are a peft4j method with a fixed hyperparameter, not a grid of their own. */
    private static final Map<String, String> VARIANTS = Map.of("rand_p_adapter", "pfeiffer", "zero_adapter", "pfeiffer");

    /** Reference keys that peft4j spells differently. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("lora_bottleneck", "rank"),
            Map.entry("adapter_bottleneck", "bottleneck"),
            Map.entry("adapter_scaler", "scale"),
            Map.entry("adapter_init", "init"),
            Map.entry("convpass_bottleneck", "bottleneck"),
            Map.entry("convpass_scaler", "scale"),
            Map.entry("convpass_xavier_init", "xavier_init"),
            Map.entry("repadapter_bottleneck", "bottleneck"),
            Map.entry("repadapter_scaler", "scale"),
            Map.entry("repadapter_group", "groups"),
            Map.entry("fact_dim", "dim"),
            Map.entry("fact_scaler", "scale"),
            Map.entry("vpt_num", "prompts"),
            Map.entry("vpt_dropout", "dropout"));

    /**
     * Reference keys that are no hyperparameter in peft4j: lr and wd (the runtime's tuning protocol
     * crosses every grid with them), and settings that choosing the method fixes (its modules, their
     * placement and init, the reference's method switches).
     */
    private static final Set<String> FIXED_BY_THE_METHOD = Set.of(
            "lr", "wd", "full", "ln", "bitfit", "difffit", "ssf", "vpt_mode", "fact_type",
            "ft_attn_module", "ft_attn_mode", "ft_attn_ln", "ft_mlp_module", "ft_mlp_mode", "ft_mlp_ln",
            "adapter_init", "convpass_init", "repadapter_init");

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
        PeftMethodProvider provider = TestModels.provider(name);
        assertEquals(keys, provider.schema().hyperparameters().stream().map(Hyperparameter::name).toList());
        assertEquals(gridSize, provider.schema().defaultGrid().size());
        Hyperparameter dropout = provider.schema().get("dropout").orElseThrow();
        assertEquals(0.1, dropout.defaultValue());
        assertTrue(dropout.grid().isEmpty());
        PeftMethod method = TestModels.method(name, Map.of());
        assertTrue(method instanceof ClosedFormCount);
        assertEquals(mergeable, method instanceof Mergeable);
        assertTrue(!provider.citation().isBlank() && !provider.description().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "full", "ln", "bitfit", "difffit", "ssf", "vpt_shallow", "vpt_deep", "vqt",
            "selective"})
    void providerIsRegisteredAndCreatesACountableMethod(String name) {
        PeftMethodProvider provider = TestModels.provider(name);
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
            PeftMethodProvider provider = TestModels.provider(name);
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
            Hyperparameter dropout = TestModels.provider(name).schema().get("dropout").orElseThrow();
            assertEquals(0.1, dropout.defaultValue());
            assertTrue(dropout.grid().isEmpty());
        }
    }

    @Test
    void selectiveOffersEveryPartAndCountsLastBlocks() {
        Hyperparameter part = TestModels.provider("selective").schema().get("part").orElseThrow();
        assertEquals(List.of("attn_qkv", "attn_proj", "attn", "mlp_fc1", "mlp_fc2", "mlp", "block"), part.choices());
        assertEquals(1, TestModels.provider("selective").schema().get("blocks").orElseThrow().defaultValue());
    }

    /**
     * Each reference method of the study's table, translated to peft4j: the table's multi-valued
     * lines are exactly the tuned hyperparameters, with the same values in the same order as the
     * schema's grid at that method's fixed values (a variant of pfeiffer, {@code rand_p_adapter} or
     * {@code zero_adapter}, is pfeiffer with its init, whose bottleneck grid is narrower), and a
     * single value that peft4j has as a hyperparameter is its default, or the variant's init.
     */
    @TestFactory
    Stream<DynamicTest> everyGridMatchesTheStudysTable() throws IOException {
        assertTrue(Files.isRegularFile(GRIDS), GRIDS.toAbsolutePath().normalize() + " is missing");
        List<String> lines = Files.readAllLines(GRIDS, StandardCharsets.UTF_8);
        assertEquals("method\thyperparameter\tvalues", lines.get(0), GRIDS + " header");
        Map<String, Map<String, List<String>>> table = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] cells = line.split("\t", -1);
                table.computeIfAbsent(cells[0], m -> new LinkedHashMap<>()).put(cells[1], List.of(cells[2].split(",")));
            }
        }
        return table.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> checkGrid(e.getKey(), e.getValue())));
    }

    private static void checkGrid(String reference, Map<String, List<String>> lines) {
        boolean variant = VARIANTS.containsKey(reference);
        String name = variant ? VARIANTS.get(reference) : REFERENCE_NAMES.entrySet().stream()
                .filter(e -> e.getValue().equals(reference)).map(Map.Entry::getKey).findFirst().orElse(reference);
        HyperparameterSchema schema = TestModels.provider(name).schema();
        Map<String, List<Object>> tableGrids = new LinkedHashMap<>();
        Map<String, Object> fixed = new LinkedHashMap<>();
        lines.forEach((key, values) -> {
            String at = reference + " " + key;
            Hyperparameter h = schema.get(KEYS.getOrDefault(key, key)).orElse(null);
            if (h == null) {
                assertTrue(FIXED_BY_THE_METHOD.contains(key), at + ": no hyperparameter of " + name + " and not known as fixed");
                return;
            }
            List<Object> typed = values.stream().map(v -> h.parse(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
                    ? v.toLowerCase(Locale.ROOT) : v)).toList();
            if (typed.size() > 1) {
                tableGrids.put(h.name(), typed);
            } else if (variant && h.name().equals("init")) {
                fixed.put(h.name(), typed.get(0));
            } else {
                assertEquals(typed.get(0), h.defaultValue(), at + ": the default of " + name + "'s " + h.name());
            }
        });
        assertEquals(tableGrids, gridsAt(schema, fixed), reference + ": the hyperparameters " + name
                + " tunes and their grids" + (fixed.isEmpty() ? "" : " at " + fixed));
    }

    /**
     * Each tuned hyperparameter's values, in grid order, over the points of the schema's grid
     * where the given hyperparameters have the given values.
     */
    private static Map<String, List<Object>> gridsAt(HyperparameterSchema schema, Map<String, Object> fixed) {
        Map<String, String> text = new LinkedHashMap<>();
        fixed.forEach((k, v) -> text.put(k, String.valueOf(v)));
        Map<String, List<Object>> grids = new LinkedHashMap<>();
        for (Hyperparameters point : schema.grid(text)) {
            schema.hyperparameters().stream().filter(h -> !h.grid().isEmpty() && !fixed.containsKey(h.name()))
                    .forEach(h -> {
                        List<Object> values = grids.computeIfAbsent(h.name(), k -> new ArrayList<>());
                        if (!values.contains(point.asMap().get(h.name()))) {
                            values.add(point.asMap().get(h.name()));
                        }
                    });
        }
        return grids;
    }

    @Test
    void pfeifferTunesTheBottleneckPerInitAsTheStudy() {
        HyperparameterSchema schema = TestModels.provider("pfeiffer").schema();
        assertEquals(List.of(4, 8, 16, 32, 64), gridsAt(schema, Map.of("init", "lora_xavier")).get("bottleneck"));
        assertEquals(List.of(4, 8, 16, 32), gridsAt(schema, Map.of("init", "xavier")).get("bottleneck"));
        assertEquals(List.of(4, 8, 16, 32), gridsAt(schema, Map.of("init", "zero")).get("bottleneck"));
        assertEquals(20, schema.defaultGrid().size(), "the default init is lora_xavier: 5 bottlenecks x 4 scales");
    }

    @Test
    void convPassTunesTheConvInit() {
        assertEquals(List.of(true, false),
                TestModels.provider("convpass").schema().get("xavier_init").orElseThrow().grid());
    }

    @Test
    void pfeifferOffersTheThreeReferenceInits() {
        Hyperparameter init = TestModels.provider("pfeiffer").schema().get("init").orElseThrow();
        assertEquals(List.of("lora_xavier", "xavier", "zero"), init.choices());
        assertEquals("lora_xavier", init.defaultValue());
        assertThrows(InvalidHyperparameterException.class,
                () -> TestModels.method("pfeiffer", Map.of("init", "kaiming")));
    }

    private static List<Object> promptGrid(String name) {
        return TestModels.provider(name).schema().defaultGrid().stream()
                .map(point -> point.asMap().get("prompts"))
                .collect(Collectors.toList());
    }

    @Test
    void repAdapterRejectsGroupsThatDoNotDivideTheBottleneck() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> TestModels.method("repadapter", Map.of("bottleneck", "9", "groups", "2")));
        assertEquals("groups", e.key());
    }
}
