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
}
