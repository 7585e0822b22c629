package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.analysis.EnsembleResult;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.store.ResultStore;

/** Golden numbers of a report on the hand-made store of {@link SyntheticStore}. */
class ReportModelTest {

    private static final double EPS = 1e-9;

    @TempDir
    static Path dir;

    static ResultStore store;
    static ReportModel model;

    @BeforeAll
    static void build() {
        store = SyntheticStore.create(dir);
        model = ReportModel.of(ComparisonResults.read(store), store::record);
    }

    @Test
    void groupsComeInTheStudysOrder() {
        assertEquals(List.of("natural", "specialized", "structured"), model.groups());
    }

    @Test
    void cellsAreMeanAndSampleStdOverSeeds() {
        var cell = model.row("m1").cells().get("a");
        assertEquals(CellStatus.OK, cell.status());
        assertEquals(List.of(90.0, 100.0), cell.testAccuracies());
        assertEquals(95.0, cell.meanAccuracy(), EPS);
        assertEquals(10 / Math.sqrt(2), cell.stdAccuracy(), EPS);
        assertEquals(CellStatus.DIVERGED, model.row("m3").cells().get("d").status());
    }

    @Test
    void groupMeansAndPlainMeanOverTasks() {
        MethodRow m1 = model.row("m1");
        assertEquals(90.0, m1.groupMeans().get("natural"), EPS);
        assertEquals(75.0, m1.groupMeans().get("specialized"), EPS);
        assertEquals(65.0, m1.groupMeans().get("structured"), EPS);
        assertEquals(80.0, m1.mean(), EPS);
        MethodRow m2 = model.row("m2");
        assertEquals(85.0, m2.groupMeans().get("natural"), EPS);
        assertEquals(80.0, m2.mean(), EPS);
        MethodRow m3 = model.row("m3");
        assertEquals(60.0, m3.groupMeans().get("natural"), EPS);
        assertNull(m3.groupMeans().get("structured"), "a diverged task leaves its group without a mean");
        assertNull(m3.mean());
    }

    @Test
    void averageRanksShareTiesAndPutDivergedLast() {
        // a: m1 1, m2 2, m3 3; b: m1 = m2 -> 1.5, m3 3; c: m2 1, m1 = m3 -> 2.5; d: m1 1, m2 2, m3 (diverged) 3
        assertEquals(1.5, model.row("m1").averageRank(), EPS);
        assertEquals(1.625, model.row("m2").averageRank(), EPS);
        assertEquals(2.875, model.row("m3").averageRank(), EPS);
    }

    @Test
    void parametersTimesAndMemory() {
        assertEquals(1000.0, model.row("m1").insertedParameters(), EPS);
        assertEquals(0.1, model.row("m1").insertedPercent(), EPS);
        assertEquals(10.0, model.row("m2").insertedPercent(), EPS);
        assertEquals(0.0, model.row("m3").insertedParameters(), EPS);
        assertEquals(10.0, model.row("m1").trainSeconds(), EPS);
        assertEquals(900.0, model.row("m2").peakRssMib(), EPS);
        assertTrue(model.complete());
    }

    @Test
    void analysesUseTheFirstSeedsPredictions() {
        PredictionAnalysis analysis = PredictionAnalysis.of(model, store::readPredictions, 0.9);
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(analysis.perTask().keySet()));
        var a = analysis.perTask().get("a");
        assertEquals(0.9, a.get(Measure.AGREEMENT).get("m1", "m2"), EPS);
        assertEquals(0.5, a.get(Measure.ERROR_OVERLAP).get("m1", "m2"), EPS);
        assertEquals(1.0, a.get(Measure.CONFIDENT_OVERLAP).get("m1", "m3"), EPS);
        assertTrue(Double.isNaN(analysis.perTask().get("d").get(Measure.AGREEMENT).get("m1", "m3")));
        // mean agreement m1-m3 over a, b, c (d has no m3): a 6/10, b 8/10, c 10/10
        assertEquals((0.6 + 0.8 + 1.0) / 3, analysis.mean().get(Measure.AGREEMENT).get("m1", "m3"), EPS);
        EnsembleResult ea = analysis.ensembles().get(0);
        assertEquals("a", ea.task());
        assertEquals(80.0, ea.majorityVote(), EPS);
        assertEquals(80.0, ea.averagedSoftmax(), EPS);
        assertEquals("m1", ea.bestMethod());
        assertEquals(90.0, ea.bestAccuracy(), EPS);
        assertEquals(List.of("m1", "m2"), analysis.ensembles().get(3).members());
    }
}
