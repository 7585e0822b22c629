package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.results.ResultTable;
import org.peft4j.eval.protocol.run.SequentialExecutor;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.store.CurvePoint;
import org.peft4j.eval.protocol.store.PredictionsFile;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.plugins.MethodRegistry;

/**
 * One in-process comparison of the four test methods on one task: rows for methods that complete,
 * diverge and fail; complete records; then corrupt records that are detected and re-run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComparisonRunTest {

    @TempDir
    static Path dir;

    private static ResultStore store;
    private static ComparisonResults results;

    static void run(ResultStore target) throws InterruptedException {
        try (MethodRegistry registry = TestMethods.registry();
                TrialClaims claims = new TrialClaims(Duration.ofMinutes(1))) {
            new SequentialExecutor(new TrialRunner(target, registry, Device.cpu(), ImageCache.Options.defaults()),
                    claims, Duration.ofMillis(100)).execute(target);
        }
    }

    @BeforeAll
    static void compare() throws InterruptedException {
        Path data = dir.resolve("data");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        Path checkpoint = TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors"));
        store = ResultStore.create(dir.resolve("store"),
                TinyBenchmark.spec(data, checkpoint, List.of("alpha"), List.of("probe", "bias", "nan", "broken"), 2, 1));
        run(store);
        results = ComparisonResults.read(store);
        ResultTable.write(store.root(), results);
    }

    @Test
    @Order(1)
    void divergingAndFailingMethodsBecomeRowsWhileTheOthersComplete() throws Exception {
        assertTrue(results.complete());
        ResultCell probe = results.cell("probe", "alpha").orElseThrow();
        ResultCell bias = results.cell("bias", "alpha").orElseThrow();
        ResultCell nan = results.cell("nan", "alpha").orElseThrow();
        ResultCell broken = results.cell("broken", "alpha").orElseThrow();
        assertEquals(CellStatus.OK, probe.status());
        assertEquals(CellStatus.OK, bias.status());
        assertEquals(1, probe.testAccuracies().size());
        assertEquals(0L, probe.insertedParameters(), "the head is not counted");
        assertEquals(CellStatus.DIVERGED, nan.status());
        assertTrue(nan.message().contains("the loss became NaN"), nan.message());
        assertEquals(CellStatus.FAILED, broken.status());
        assertTrue(broken.message().contains("broken on purpose"), broken.message());
        assertEquals(2, nan.tuningTrials());
        assertEquals(0, nan.tuningOk());
        String table = Files.readString(store.root().resolve("results.md"));
        assertTrue(table.contains("protocol: quick"), table);
        assertTrue(table.contains("| nan    | diverged |"), table);
        assertTrue(table.contains("| broken |   failed |"), table);
        assertEquals(2, broken.tuningFailed());
        assertTrue(table.contains("- broken on alpha: the selection lost 2 of 2 grid points to failed tuning trials"),
                "every table says when a grid point was lost to a failure: " + table);
        assertEquals(5, Files.readAllLines(store.root().resolve("results.csv")).size());
        assertTrue(Files.readString(store.root().resolve("results.json")).contains("\"protocol\": \"quick\""));
    }

    @Test
    @Order(2)
    void recordsHoldTheConfigurationHashesMetricsPredictionsTimingsAndMemory() throws Exception {
        Path task = Path.of(store.spec().dataRoot()).resolve("alpha");
        ResultCell bias = results.cell("bias", "alpha").orElseThrow();
        TrialRecord fin = store.record(bias.finalTrials().get(0)).orElseThrow();
        assertEquals("quick", fin.protocol().label());
        assertEquals(TrialKind.FINAL, fin.kind());
        assertTrue(fin.configSha256().startsWith(fin.trialId()));
        assertEquals("2.1", fin.method().version());
        assertEquals(Sha256.ofFile(Path.of(store.spec().checkpoint().path())), fin.baseCheckpointSha256());
        assertEquals(List.of("train800val200", "test"), fin.data().stream().map(TrialRecord.SplitInfo::split).toList());
        assertEquals(Sha256.ofFile(task.resolve("train800val200.txt")), fin.data().get(0).listSha256());
        assertEquals(Sha256.ofFile(task.resolve("test.txt")), fin.data().get(1).listSha256());
        assertEquals(2, fin.history().size());
        assertTrue(fin.timing().trainSeconds() > 0 && fin.timing().totalSeconds() >= fin.timing().trainSeconds());
        assertTrue(fin.memory().peakRssMib() > 50, "VmHWM: " + fin.memory());
        assertTrue(fin.costs().epochSeconds() > 0 && fin.costs().epochSeconds() <= fin.timing().trainSeconds(),
                "an epoch takes part of the training time: " + fin.costs());
        assertEquals(-1, fin.costs().gpuMemoryMib(), "trained on the CPU");
        assertTrue(fin.costs().inference().unmergedImagesPerSecond() > 0, fin.costs().toString());
        assertEquals(-1, fin.costs().inference().mergedImagesPerSecond(), "the test method bias is not mergeable");
        assertEquals(bias.selectedTrial(), store.readTrial(fin.trialId()) instanceof FinalTrial f ? f.selectedFrom() : "");

        PredictionsFile.Predictions p = store.readPredictions(fin.trialId());
        assertEquals(12, p.size());
        assertEquals(3, p.classes());
        int correct = 0;
        for (int i = 0; i < p.size(); i++) {
            float sum = 0;
            int argmax = 0;
            for (int c = 0; c < 3; c++) {
                float v = p.probabilities()[i * 3 + c];
                sum += v;
                argmax = v > p.probabilities()[i * 3 + argmax] ? c : argmax;
            }
            assertEquals(1f, sum, 1e-5f);
            assertEquals(argmax, p.predictions()[i]);
            correct += p.predictions()[i] == p.labels()[i] ? 1 : 0;
        }
        assertEquals(100.0 * correct / 12, fin.metrics().accuracy(), "the accuracy is that of the stored predictions");

        TrialRecord tuning = store.record(bias.selectedTrial()).orElseThrow();
        assertEquals("val200", tuning.metrics().split());
        assertNull(tuning.predictions(), "only final trials store predictions");
        assertNull(tuning.costs().inference(), "only final trials are timed at inference");
        assertTrue(tuning.costs().epochSeconds() > 0);
        assertEquals(bias.valAccuracy(), tuning.metrics().accuracy());
        TrialRecord failed = store.trialIds().stream().map(id -> store.record(id).orElseThrow())
                .filter(r -> r.settings().method().equals("broken")).findFirst().orElseThrow();
        assertEquals(TrialStatus.FAILED, failed.status());
        assertNull(failed.parameters(), "nothing was attached");
        try (Stream<Path> checkpoints = Files.walk(store.root()).filter(f -> f.getFileName().toString().equals("checkpoint"))) {
            assertEquals(0, checkpoints.count(), "epoch checkpoints are deleted once the record is written");
        }
    }

    @Test
    @Order(2)
    void everyTrialThatTrainedHasATrainingCurveMatchingItsRecord() {
        int curves = 0;
        for (String id : store.trialIds()) {
            TrialRecord record = store.record(id).orElseThrow();
            java.util.Optional<List<CurvePoint>> curve = store.readCurve(id);
            if (record.status() == TrialStatus.FAILED) {
                assertTrue(curve.orElse(List.of()).isEmpty(), "a failed trial trained no epoch: " + curve);
                continue;
            }
            List<CurvePoint> points = curve.orElseThrow();
            assertEquals(record.history().size(), points.size(), id);
            for (int e = 0; e < points.size(); e++) {
                assertEquals(record.history().get(e).epoch(), points.get(e).epoch());
                assertEquals(record.history().get(e).meanLoss(), points.get(e).trainLoss(), 0.0);
                assertEquals(record.history().get(e).lr(), points.get(e).lr(), 0.0);
                assertTrue(points.get(e).seconds() > 0, points.toString());
            }
            if (record.status() == TrialStatus.OK) {
                CurvePoint last = points.get(points.size() - 1);
                assertEquals(record.metrics().accuracy(), last.evalAccuracy(), 1e-9,
                        "the last epoch is evaluated on the trial's held-out split");
            }
            curves++;
        }
        assertTrue(curves >= 6, "tuning and final trials of probe and bias, and the diverged ones: " + curves);
    }

    @Test
    @Order(3)
    void truncatedOrEditedRecordsAndDamagedPredictionsAreDetectedAndTheirTrialsRunAgain() throws Exception {
        ResultCell probe = results.cell("probe", "alpha").orElseThrow();
        ResultCell bias = results.cell("bias", "alpha").orElseThrow();
        String truncated = probe.selectedTrial();
        String edited = bias.selectedTrial();
        String damaged = probe.finalTrials().get(0);
        Map<String, TrialRecord> before = new HashMap<>();
        for (String id : store.trialIds()) {
            before.put(id, store.record(id).orElseThrow());
        }
        Path truncatedFile = store.trialDir(truncated).resolve("record.json");
        String text = Files.readString(truncatedFile);
        Files.writeString(truncatedFile, text.substring(0, text.length() / 2));
        Path editedFile = store.trialDir(edited).resolve("record.json");
        Files.writeString(editedFile, Files.readString(editedFile).replaceFirst("\"accuracy\": [0-9.]+", "\"accuracy\": 99.0"));
        float[] probabilities = store.readPredictions(damaged).probabilities();
        Path predictions = store.trialDir(damaged).resolve(PredictionsFile.NAME);
        byte[] bytes = Files.readAllBytes(predictions);
        bytes[bytes.length - 1] ^= 1;
        Files.write(predictions, bytes);

        ResultStore reopened = ResultStore.open(store.root());
        run(reopened);

        for (String id : reopened.trialIds()) {
            boolean corrupted = id.equals(truncated) || id.equals(edited) || id.equals(damaged);
            assertEquals(corrupted ? 2 : 1, reopened.attempts(id), "attempts of trial " + id);
            TrialRecord after = reopened.record(id).orElseThrow();
            assertEquals(corrupted ? 2 : 1, after.execution().attempt());
            if (after.metrics() != null) {
                assertEquals(before.get(id).metrics(), after.metrics(), "a re-run gives the same numbers");
            }
        }
        for (String id : List.of(truncated, edited, damaged)) {
            try (Stream<Path> files = Files.list(reopened.trialDir(id))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("record.corrupt-")),
                        "the corrupt record of " + id + " is kept aside");
            }
        }
        ComparisonResults again = ComparisonResults.read(reopened);
        assertEquals(results.cells(), again.cells());
        assertFalse(Files.exists(reopened.checkpointDir(truncated)));
        assertArrayEquals(probabilities, reopened.readPredictions(damaged).probabilities());
    }
}
