package org.peft4j.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A comparison of {@code full}, {@code lora} and {@code lora-again} (lora trained again with other
 * seeds) on simulated predictions: lora is truly better than full on {@code textures}, the three are
 * alike on {@code shapes}; lora and lora-again differ only by chance everywhere.
 */
class SignificanceReportTest {

    private static final int N = 600;
    private static final List<String> METHODS = List.of("full", "lora", "lora-again");
    private static final List<String> TASKS = List.of("textures", "shapes", "dots", "lines");

    private final Map<String, Predictions> predictions = new HashMap<>();

    @Test
    void chanceIsNotSignificantAndARealDifferenceIs() {
        SignificanceReport report = SignificanceReport.of(results(2), predictions::get);

        TaskSignificance textures = report.task("textures").orElseThrow();
        assertTrue(pair(textures, "full", "lora").significant(0.05), textures.toString());
        assertFalse(pair(textures, "lora", "lora-again").significant(0.05), textures.toString());
        assertFalse(textures.notWorse().contains("full"), textures.toString());
        assertTrue(textures.notWorse().contains("lora") && textures.notWorse().contains("lora-again"));

        for (TaskSignificance t : report.tasks()) {
            t.pairs().forEach(p -> assertTrue(p.test() instanceof PairedBootstrap, "two seeds: " + p));
            PairTest same = pair(t, "lora", "lora-again");
            assertFalse(same.significant(0.05), "the same method, other seeds, on " + t.task() + ": " + same);
        }

        TaskSignificance shapes = report.task("shapes").orElseThrow();
        shapes.pairs().forEach(p -> assertFalse(p.significant(0.05), p.toString()));
        assertEquals(METHODS, shapes.notWorse());

        CellInterval ci = report.interval("lora", "textures").orElseThrow();
        assertEquals(2, ci.seeds());
        assertEquals(N, ci.images());
        double expected = 0.6 * 97 + 0.2 * 70 + 0.2 * 25;
        assertTrue(ci.interval().lower() < expected && expected < ci.interval().upper(), ci.toString());

        RankSignificance ranks = report.ranks();
        assertNotNull(ranks);
        assertEquals(TASKS, ranks.tasks());
        assertEquals(Nemenyi.criticalDifference(3, 4, 0.05), ranks.criticalDifference(), 1e-12);
    }

    @Test
    void noRanksWithOneTask() {
        ComparisonResults all = results(1);
        ComparisonResults one = new ComparisonResults(all.spec(), all.cells().stream()
                .map(c -> c.task().equals("textures") ? c : pending(c)).toList());
        SignificanceReport report = SignificanceReport.of(one, predictions::get);
        assertEquals(null, report.ranks());
        assertEquals(1, report.tasks().size());
        assertEquals(3, report.intervals().size());
        PairTest p = pair(report.task("textures").orElseThrow(), "full", "lora");
        assertEquals(McNemarExact.of(correct("full-textures-0"), correct("lora-textures-0")), p.test(), "one seed");
        assertTrue(report.legend(1).contains("(McNemar exact, Holm-corrected"), report.legend(1));
    }

    @Test
    void theLegendNamesThePairedBootstrap() {
        SignificanceReport report = SignificanceReport.of(results(2), predictions::get);
        assertTrue(report.legend(2).contains("(paired bootstrap over seeds and images, B = 10000, Holm-corrected"),
                report.legend(2));
    }

    private boolean[] correct(String id) {
        Predictions p = predictions.get(id);
        boolean[] out = new boolean[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.labels()[i] == p.predictions()[i];
        }
        return out;
    }

    private static PairTest pair(TaskSignificance t, String a, String b) {
        return t.pairs().stream().filter(p -> p.a().equals(a) && p.b().equals(b)).findFirst().orElseThrow();
    }

    private ComparisonResults results(int seeds) {
        Random r = new Random(11);
        List<ResultCell> cells = new ArrayList<>();
        for (String task : TASKS) {
            double[] easy = StatsTest.difficulty(r, N);
            for (String method : METHODS) {
                double[] p = easy.clone();
                if (task.equals("textures") && !method.equals("full")) {
                    for (int i = 0; i < N; i++) {
                        p[i] = Math.min(0.97, p[i] + 0.2);
                    }
                }
                List<String> ids = new ArrayList<>();
                List<Double> accs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    boolean[] right = StatsTest.seed(r, p);
                    String id = method + "-" + task + "-" + s;
                    predictions.put(id, predictions(right));
                    ids.add(id);
                    accs.add(accuracy(right));
                }
                double mean = accs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                cells.add(new ResultCell(method, task, "natural", CellStatus.OK, "", accs, mean, null, 10L, Map.of(),
                        1e-3, 1e-4, 50.0, "t", ids, 1, 1, 0));
            }
        }
        return new ComparisonResults(spec(seeds), cells);
    }

    private static ResultCell pending(ResultCell c) {
        return new ResultCell(c.method(), c.task(), c.group(), CellStatus.PENDING, "", List.of(), null, null, null,
                Map.of(), null, null, null, null, List.of(), 1, 0, 0);
    }

    private static ComparisonSpec spec(int seeds) {
        List<TaskSpec> tasks = TASKS.stream().map(t -> new TaskSpec(t, "natural", 2)).toList();
        List<MethodSpec> methods = METHODS.stream().map(m -> new MethodSpec(m, "1.0", "1.0", List.of(Map.of())))
                .toList();
        return new ComparisonSpec(ComparisonSpec.FORMAT, "simulated", ProtocolKind.QUICK,
                VitConfig.preset("vit-tiny", 1), null, "/nonexistent/data", Normalization.NONE, tasks, methods,
                List.of(1e-3), List.of(1e-4), new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, seeds, false);
    }

    private static Predictions predictions(boolean[] right) {
        int[] labels = new int[right.length];
        int[] preds = new int[right.length];
        for (int i = 0; i < right.length; i++) {
            labels[i] = i % 2;
            preds[i] = right[i] ? labels[i] : 1 - labels[i];
        }
        return new Predictions(labels, preds, new float[2 * right.length], 2);
    }

    private static double accuracy(boolean[] right) {
        int s = 0;
        for (boolean b : right) {
            s += b ? 1 : 0;
        }
        return 100.0 * s / right.length;
    }
}
