package org.peft4j.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageDecoder;
import org.peft4j.runtime.data.Sample;
import org.peft4j.runtime.data.VtabDataset;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.train.Trainer;
import org.peft4j.runtime.train.TrainingListener;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The generated benchmark: VTAB-1K layout, sizes, labels, shifted twin, reuse, regeneration, and a
 * linear probe on the shipped backbone.
 */
class EmbeddedBenchmarkTest {

    @TempDir
    static Path cache;

    private static EmbeddedBenchmark bench;

    @BeforeAll
    static void generate() {
        bench = new EmbeddedBenchmark(cache, 2);
        bench.dataRoot();
    }

    @Test
    void sixTasksTwoPerGroup() {
        assertEquals(List.of("shapes", "textures", "gratings", "lesions", "counting", "orientation"),
                bench.tasks().stream().map(BuiltInTask::name).toList());
        Map<TaskGroup, Long> perGroup = bench.tasks().stream()
                .collect(Collectors.groupingBy(BuiltInTask::group, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(TaskGroup.NATURAL, 2L, TaskGroup.SPECIALIZED, 2L, TaskGroup.STRUCTURED, 2L), perGroup);
        assertEquals(List.of(6, 6, 5, 4, 6, 8), bench.tasks().stream().map(BuiltInTask::classes).toList());
        assertEquals("vit-micro", bench.modelPreset());
        assertEquals(cache.resolve("data").resolve("tasks"), bench.dataRoot());
    }

    @Test
    void everyTaskHasTheVtabSplitsWithAllClasses() throws Exception {
        for (BuiltInTask task : bench.tasks()) {
            VtabDataset data = VtabDataset.open(bench.dataRoot().resolve(task.name()));
            assertEquals(task.classes(), data.numClasses(), task.name() + ": classes derived from the lists");
            DataSplit train = data.split("train800");
            DataSplit val = data.split("val200");
            DataSplit union = data.split("train800val200");
            DataSplit test = data.split("test");
            assertEquals(List.of(800, 200, 1000, 1000), List.of(train.size(), val.size(), union.size(), test.size()));
            List<Sample> joined = new ArrayList<>(train.samples());
            joined.addAll(val.samples());
            assertEquals(paths(joined), paths(union.samples()), "the union is train800 then val200");
            for (DataSplit split : List.of(train, val, test)) {
                assertTrue(split.readProblems().isEmpty(), split.readProblems().toString());
                assertEquals(task.classes(), split.samples().stream().mapToInt(Sample::label).distinct().count(),
                        task.name() + "/" + split.name() + " holds every class");
            }
            assertTrue(Files.isRegularFile(test.resolve(test.samples().get(999))));
        }
    }

    @Test
    void theShiftedTestShowsTheSameScenesDifferently() throws Exception {
        for (BuiltInTask task : bench.tasks()) {
            Path dir = bench.dataRoot().resolve(task.name());
            List<String[]> test = Files.readAllLines(dir.resolve("test.txt")).stream().map(l -> l.split(" ")).toList();
            List<String[]> shifted = Files.readAllLines(dir.resolve(EmbeddedBenchmark.SHIFTED_TEST + ".txt")).stream()
                    .map(l -> l.split(" ")).toList();
            assertEquals(1000, shifted.size());
            assertEquals(test.stream().map(l -> l[1]).toList(), shifted.stream().map(l -> l[1]).toList(),
                    "same labels, in the same order");
            assertEquals("images/test_shifted/00000.png", shifted.get(0)[0]);
            assertNotEquals(Sha256.ofFile(dir.resolve(test.get(0)[0])), Sha256.ofFile(dir.resolve(shifted.get(0)[0])));
            assertEquals(32, ImageDecoder.decode(dir.resolve(shifted.get(0)[0])).width());
        }
    }

    @Test
    void aSecondUseKeepsTheSet() throws Exception {
        Path marker = cache.resolve("data").resolve(GeneratedFolder.MARKER);
        Path image = bench.dataRoot().resolve("shapes/images/train/00000.png");
        long markerTime = Files.getLastModifiedTime(marker).toMillis();
        long imageTime = Files.getLastModifiedTime(image).toMillis();
        assertTrue(Files.readString(marker).startsWith(EmbeddedBenchmark.stamp() + "\n"));
        assertEquals(6 * 5, Files.readString(marker).lines().count() - 1, "one hash per list file");
        new EmbeddedBenchmark(cache, 2).dataRoot();
        assertEquals(markerTime, Files.getLastModifiedTime(marker).toMillis());
        assertEquals(imageTime, Files.getLastModifiedTime(image).toMillis());
    }

    @Test
    void aHalfWrittenSetIsRegeneratedByteForByte() throws Exception {
        Path root = bench.dataRoot();
        List<Path> probes = List.of(root.resolve("lesions/images/test/00421.png"),
                root.resolve("counting/train800.txt"), root.resolve("textures/images/test_shifted/00007.png"));
        List<String> before = new ArrayList<>();
        for (Path p : probes) {
            before.add(Sha256.ofFile(p));
        }
        Files.delete(cache.resolve("data").resolve(GeneratedFolder.MARKER));
        Files.delete(probes.get(0));
        Files.write(probes.get(2), new byte[] {1, 2});
        bench.dataRoot();
        assertTrue(Files.exists(cache.resolve("data").resolve(GeneratedFolder.MARKER)));
        for (int i = 0; i < probes.size(); i++) {
            assertEquals(before.get(i), Sha256.ofFile(probes.get(i)), probes.get(i).toString());
        }
    }

    @Test
    void anUnknownTaskNameIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bench.task("cifar"));
        assertTrue(e.getMessage().contains("cifar") && e.getMessage().contains("orientation"), e.getMessage());
        assertEquals(4, bench.task("lesions").classes());
        assertFalse(bench.task("lesions").description().isBlank());
    }

    /** Linear probing: only the head learns, on train800, evaluated on val200. */
    @Test
    void aLinearProbeOnTheShippedBackboneBeatsChanceClearly() {
        BuiltInTask task = bench.task("orientation");
        VtabDataset data = VtabDataset.open(bench.dataRoot().resolve(task.name()), task.classes());
        Engine.getInstance().setRandomSeed(0);
        try (CachedBatchSource train = source(data.split("train800"), task);
                CachedBatchSource val = source(data.split("val200"), task);
                VisionTransformer vit = VisionTransformer.create(
                        VitConfig.preset(bench.modelPreset(), task.classes()), Device.cpu())) {
            Checkpoints.load(vit, bench.checkpoint());
            PeftModel model = PeftModel.attach(vit, new HeadOnly(), false);
            assertEquals(96L * 8 + 8, vit.trainableParameters(), "only the head trains");
            TrainingRecipe recipe = new TrainingRecipe(10, 64, 64, 1e-2, 1e-4, 0, 1e-6, 1e-5, 0f, 10, 0, false);
            TrainingResult result = new Trainer(recipe, new TrainingListener() {}).fit(model, train, val, null);
            double chance = 100.0 / task.classes();
            double accuracy = result.finalEval().accuracy();
            assertTrue(accuracy > 3 * chance && accuracy < 100,
                    "linear probe on " + task.name() + ": " + accuracy + "% (chance " + chance + "%)");
        }
    }

    private static CachedBatchSource source(DataSplit split, BuiltInTask task) {
        return new CachedBatchSource(ImageCache.load(split, bench.transform(), ImageCache.Options.defaults().withThreads(2)),
                task.classes(), bench.normalization(), Augmentation.NONE);
    }

    private static List<String> paths(List<Sample> samples) {
        return samples.stream().map(Sample::path).toList();
    }
}
