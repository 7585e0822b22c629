package org.peft4j.eval.protocol.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.store.PredictionsFile;
import org.peft4j.eval.stats.BootstrapInterval;
import org.peft4j.eval.stats.SignificanceReport;
import org.peft4j.runtime.data.Normalization;

class ResultTableTest {

    private static ResultCell ok(String method, String task, List<Double> accuracies, double mean, Double std, long params) {
        return new ResultCell(method, task, "natural", CellStatus.OK, "", accuracies, mean, std, params,
                Map.of("rank", "8"), 1e-3, 1e-4, 90.5, "0123456789abcdef0123", List.of(), 16, 16, 0);
    }

    @Test
    void theTableShowsMeanAndSpreadPerTaskTheMeanOverTasksAndTheParameters() {
        ComparisonSpec spec = new ComparisonSpec(ComparisonSpec.FORMAT, "demo", ProtocolKind.STUDY, TinyBenchmark.MODEL,
                null, "/data", Normalization.NONE,
                List.of(new TaskSpec("dtd", "natural", 47), new TaskSpec("svhn", "natural", 10)),
                List.of(new MethodSpec("lora", "1.0", "1.0", List.of(Map.of())), new MethodSpec("nan", "1.0", "1.0",
                        List.of(Map.of()))), List.of(1e-3), List.of(1e-4), new RecipeSpec(100, 64, 64, 10, 1e-6, 1e-5, 0.1f),
                42, 2, false);
        ResultCell failed = new ResultCell("nan", "dtd", "natural", CellStatus.DIVERGED, "no tuning trial ended ok; NaN, really",
                List.of(), null, null, null, Map.of(), null, null, null, null, List.of(), 4, 0, 0);
        ComparisonResults results = new ComparisonResults(spec, List.of(ok("lora", "dtd", List.of(70.0, 71.0), 70.5, 0.7071, 1000),
                failed, ok("lora", "svhn", List.of(90.0, 90.0), 90.0, 0.0, 3000),
                new ResultCell("nan", "svhn", "natural", CellStatus.PENDING, "", List.of(), null, null, null, Map.of(), null, null,
                        null, null, List.of(), 4, 0, 0)));
        String table = ResultTable.markdown(results);
        assertTrue(table.startsWith("# demo\n\nprotocol: study."), table);
        assertTrue(table.contains("mean ± sample std over 2 seeds"), table);
        assertTrue(table.contains("| lora   | 70.50 ± 0.71 | 90.00 ± 0.00 | 80.25 |           2,000 |"), table);
        assertTrue(table.contains("| nan    |     diverged |      pending |     - |               - |"), table);
        assertTrue(table.contains("- nan on dtd: diverged: no tuning trial ended ok; NaN, really"), table);
        List<String> csv = List.of(ResultTable.csv(results).split("\n"));
        assertEquals(5, csv.size());
        assertEquals("study,lora,dtd,natural,ok,2,70.5,0.7071,70.0;71.0,1000,0.001,1.0E-4,rank=8,90.5,0123456789abcdef0123,0,",
                csv.get(1));
        assertTrue(csv.get(2).endsWith(",\"no tuning trial ended ok; NaN, really\""), csv.get(2));
        assertTrue(ResultTable.json(results).contains("\"complete\": false"));
    }

    /**
     * Three methods on 400 test images: {@code a} gets 380 right, {@code b} 376 (misses a's 20 and 4
     * more: McNemar p = 0.125, not significantly worse), {@code c} 200 (significantly worse).
     */
    @Test
    void resultsMdMarksTheBestTheMethodsNotSignificantlyWorseAndEveryInterval() {
        int n = 400;
        Map<String, boolean[]> right = Map.of("a", firstRight(n, 380), "b", firstRight(n, 376), "c", firstRight(n, 200));
        Map<String, PredictionsFile.Predictions> predictions = new java.util.HashMap<>();
        List<ResultCell> cells = new java.util.ArrayList<>();
        for (String m : List.of("a", "b", "c")) {
            boolean[] r = right.get(m);
            int[] labels = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = r[i] ? 0 : 1;
            }
            predictions.put(m, new PredictionsFile.Predictions(labels, predicted, new float[2 * n], 2));
            double acc = 100.0 * java.util.stream.IntStream.range(0, n).filter(i -> r[i]).count() / n;
            cells.add(new ResultCell(m, "dtd", "natural", CellStatus.OK, "", List.of(acc), acc, null, 10L, Map.of(),
                    1e-3, 1e-4, 90.0, "0123456789abcdef0123", List.of(m), 1, 1, 0));
        }
        ComparisonSpec spec = new ComparisonSpec(ComparisonSpec.FORMAT, "demo", ProtocolKind.QUICK, TinyBenchmark.MODEL,
                null, "/data", Normalization.NONE, List.of(new TaskSpec("dtd", "natural", 2)),
                List.of("a", "b", "c").stream().map(m -> new MethodSpec(m, "1.0", "1.0", List.of(Map.of()))).toList(),
                List.of(1e-3), List.of(1e-4), new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, 1, false);
        ComparisonResults results = new ComparisonResults(spec, cells);
        String table = ResultTable.markdown(results, SignificanceReport.of(results, predictions::get));
        assertTrue(table.contains("| a      | **95.00** " + interval(right.get("a")) + " |"), table);
        assertTrue(table.contains("| b      |   _94.00_ " + interval(right.get("b")) + " |"), table);
        assertTrue(table.contains("| c      |     50.00 " + interval(right.get("c")) + " |"), "significantly worse: "
                + "no mark " + table);
        assertTrue(table.contains("Intervals: 95% percentile bootstrap (B = 1000, seed 17) over the test images. "
                + "One seed: the intervals cover the sampling of test images"), table);
        assertEquals(false, ResultTable.markdown(results).contains("["), "without marks, bare numbers");
    }

    private static boolean[] firstRight(int n, int k) {
        boolean[] r = new boolean[n];
        for (int i = 0; i < k; i++) {
            r[i] = true;
        }
        return r;
    }

    private static String interval(boolean[] right) {
        org.peft4j.eval.stats.Interval i = BootstrapInterval.of(new boolean[][] {right});
        return String.format(java.util.Locale.ROOT, "[%.1f, %.1f]", i.lower(), i.upper());
    }
}
