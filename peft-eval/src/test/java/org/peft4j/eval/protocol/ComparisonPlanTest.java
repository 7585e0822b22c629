package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.plugins.MethodRegistry;

class ComparisonPlanTest {

    private static ComparisonSpec spec(Path data) {
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        try (MethodRegistry registry = TestMethods.registry()) {
            return new ComparisonSpec(ComparisonSpec.FORMAT, "plan", ProtocolKind.STUDY, TinyBenchmark.MODEL, null,
                    data.toString(), Normalization.NONE,
                    List.of(TaskCatalog.resolve(data, new BenchmarkTask("alpha", "other"))),
                    List.of(MethodGrids.resolve(registry.method("probe"), Map.of(), false),
                            MethodGrids.resolve(registry.method("bias"), Map.of(), false)),
                    List.of(1e-3, 1e-2), List.of(1e-4, 1e-3), new RecipeSpec(5, 8, 8, 1, 1e-6, 1e-5, 0.1f), 42, 1, false);
        }
    }

    @Test
    void everyMethodGetsTheSameEpochsAndLearningRateByWeightDecayGridInGridOrder(@TempDir Path dir) {
        ComparisonPlan plan = ComparisonPlan.of(spec(dir));
        assertEquals(2, plan.groups().size());
        TrialGroup probe = plan.groups().get(0);
        TrialGroup bias = plan.groups().get(1);
        assertEquals(4, probe.tuning().size());
        assertEquals(8, bias.tuning().size());
        List<String> biasOrder = bias.tuning().stream().map(t -> t.settings().recipe().lr() + "/"
                + t.settings().hyperparameters().get("norms") + "/" + t.settings().recipe().weightDecay()).toList();
        assertEquals(List.of("0.001/false/1.0E-4", "0.001/false/0.001", "0.001/true/1.0E-4", "0.001/true/0.001",
                "0.01/false/1.0E-4", "0.01/false/0.001", "0.01/true/1.0E-4", "0.01/true/0.001"), biasOrder,
                "learning rate outermost, the method's grid, weight decay innermost");
        for (TrialGroup g : plan.groups()) {
            for (int i = 0; i < g.tuning().size(); i++) {
                TuningTrial t = g.tuning().get(i);
                assertEquals(i, t.gridIndex());
                assertEquals(5, t.settings().recipe().epochs(), "same epochs for every method");
                assertEquals(5, t.settings().recipe().evalEvery(), "validation only after the last epoch");
                assertEquals(42, t.settings().recipe().seed(), "one explicit seed for every grid point");
                assertEquals(3, t.settings().model().numClasses());
                assertEquals("train800", t.trainSplit());
                assertEquals("val200", t.evalSplit());
            }
            assertEquals(List.of("0.001/1.0E-4", "0.001/0.001", "0.01/1.0E-4", "0.01/0.001"),
                    g.tuning().stream().map(t -> t.settings().recipe().lr() + "/" + t.settings().recipe().weightDecay())
                            .distinct().toList());
        }
    }

    @Test
    void gridsComeFromTheSchemaOrFromOverridesAndTheQuickProtocolKeepsTheDefaults() {
        try (MethodRegistry registry = TestMethods.registry()) {
            assertEquals(List.of(Map.of("norms", "false"), Map.of("norms", "true")),
                    MethodGrids.resolve(registry.method("bias"), Map.of(), false).grid());
            assertEquals(List.of(Map.of("norms", "false")),
                    MethodGrids.resolve(registry.method("bias"), Map.of(), true).grid());
            assertEquals(List.of(Map.of("norms", "true")),
                    MethodGrids.resolve(registry.method("bias"), Map.of("norms", List.of("true")), false).grid());
            assertEquals("2.1", MethodGrids.resolve(registry.method("bias"), Map.of(), true).version());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> MethodGrids.resolve(registry.method("bias"), Map.of("rank", List.of("4")), false));
            assertEquals("--set bias.rank: method 'bias' has no hyperparameter 'rank'; it has norms", unknown.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> MethodGrids.resolve(registry.method("bias"), Map.of("norms", List.of("maybe")), false));
            assertTrue(bad.getMessage().startsWith("--set bias.norms: ") && bad.getMessage().contains("'maybe'"),
                    bad.getMessage());
        }
    }

    @Test
    void trialIdsAreHashesOfTheSpecAndTheSpecFileIsChecked() {
        TuningTrial a = new TuningTrial(Fixtures.settings("bias", Map.of("norms", "true"), 1e-3, 1e-4), 3);
        TuningTrial same = new TuningTrial(Fixtures.settings("bias", Map.of("norms", "true"), 1e-3, 1e-4), 5);
        TuningTrial other = new TuningTrial(Fixtures.settings("bias", Map.of("norms", "true"), 1e-2, 1e-4), 3);
        assertEquals(a.id(), same.id(), "the grid position is not part of what is run");
        assertNotEquals(a.id(), other.id());
        assertEquals(TrialIds.LENGTH, a.id().length());
        String json = TrialFiles.toJson(a);
        assertEquals(a, TrialFiles.fromJson(json, "spec.json"));
        IllegalArgumentException edited = assertThrows(IllegalArgumentException.class,
                () -> TrialFiles.fromJson(json.replace("\"lr\": 0.001", "\"lr\": 0.002"), "spec.json"));
        assertTrue(edited.getMessage().contains("its content hashes to"), edited.getMessage());
    }

    @Test
    void classCountsComeFromTheTrainingListsOnly(@TempDir Path dir) throws Exception {
        TinyBenchmark.writeTask(dir, "alpha", 3, 1);
        TinyBenchmark.writeTask(dir, "dtd", 3, 1);
        Files.writeString(dir.resolve("alpha").resolve("test.txt"), "images/0.png 9\n");
        assertEquals(3, TaskCatalog.resolve(dir, new BenchmarkTask("alpha", "other")).numClasses(),
                "a label of test.txt does not count");
        assertEquals(47, TaskCatalog.resolve(dir, new BenchmarkTask("dtd", "natural")).numClasses(),
                "a VTAB-1K task keeps its published class count");
        assertEquals(List.of(new BenchmarkTask("alpha", "other"), new BenchmarkTask("dtd", "natural")),
                TaskCatalog.discover(dir));
    }

    @Test
    void pfeiffersBottleneckGridFollowsTheStudyPerInit() {
        try (MethodRegistry registry = MethodRegistry.classpath(getClass().getClassLoader())) {
            java.util.function.Function<Map<String, List<String>>, List<String>> bottlenecks = set ->
                    MethodGrids.resolve(registry.method("pfeiffer"), set, false).grid().stream()
                            .map(p -> p.get("init") + "/" + p.get("bottleneck")).distinct().toList();
            assertEquals(List.of("lora_xavier/4", "lora_xavier/8", "lora_xavier/16", "lora_xavier/32", "lora_xavier/64"),
                    bottlenecks.apply(Map.of()));
            assertEquals(List.of("zero/4", "zero/8", "zero/16", "zero/32"), bottlenecks.apply(Map.of("init", List.of("zero"))));
            assertEquals(16, MethodGrids.resolve(registry.method("pfeiffer"), Map.of("init", List.of("xavier")), false)
                    .grid().size(), "rand_p_adapter: 4 bottlenecks x 4 scales");
            assertEquals(List.of("zero/64"), bottlenecks.apply(Map.of("init", List.of("zero"), "bottleneck", List.of("64"))),
                    "a bottleneck the user chooses is never narrowed");
        }
    }
}
