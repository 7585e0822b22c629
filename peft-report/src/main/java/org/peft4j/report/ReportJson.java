package org.peft4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.analysis.SimilarityMatrix;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.Json;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.stats.SignificanceReport;

/** The report as JSON ({@code results.json}) for programmatic use. */
public final class ReportJson {

    /** Format tag of the file. */
    public static final String FORMAT = "peft4j-report/1";

    private ReportJson() {}

    /**
     * The JSON text.
     *
     * @param model the numbers
     * @param analysis the prediction analyses
     * @param significance the intervals and significance tests
     * @param wise the WiSE-FT curves
     * @return pretty-printed JSON
     */
    public static String json(ReportModel model, PredictionAnalysis analysis, SignificanceReport significance,
            List<WiseCurve> wise) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("comparison", model.comparison());
        out.put("protocol", model.protocol().label());
        out.put("seeds", model.seeds());
        out.put("complete", model.complete());
        out.put("builds", model.builds());
        out.put("conventions", ordered(
                "accuracy", "test top-1 (%) after the last epoch; mean and sample std over the final seeds",
                "mean", "plain mean over all tasks; null when a task has no accuracy",
                "groupMeans", "plain mean over the tasks of each group; null when one of them has no accuracy",
                "averageRank", "mean over tasks of the fractional rank (1 = best, ties share the mean rank, "
                        + "methods without an accuracy rank last)",
                "insertedParameters", "trainable parameters outside the head, mean over tasks of the selected "
                        + "configurations; insertedPercent relative to the backbone without head",
                "costs", "of the final runs: epochSeconds mean training time per epoch, gpuMemoryMib largest GPU "
                        + "memory in use after a run (null on the CPU), unmerged/mergedImagesPerSecond mean inference "
                        + "throughput on one test batch (merged null for a method that cannot merge)",
                "paretoFronts", "per cost, the methods no other method beats on both mean accuracy and that cost, "
                        + "by ascending cost",
                "similarity", "first final seed per (method, task); matrices averaged cell-wise over tasks",
                "significance", "intervals: 95% percentile bootstrap over test images (and seeds when several), "
                        + "B = 1000, seed 17; tasks: per pair, McNemar's exact test with one final seed each, else a "
                        + "paired bootstrap over seeds and test images (B = 10000, seed 17, two-sided), "
                        + "Holm-corrected per task; ranks: Friedman test (tie-corrected, with Iman-Davenport F) and "
                        + "Nemenyi's critical difference over the tasks where every method has an accuracy"));
        out.put("tasks", model.tasks().stream().map(t -> ordered("name", t.name(), "group", t.group(),
                "classes", t.numClasses())).toList());
        out.put("groups", model.groups());
        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodRow r : model.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            Map<String, Object> tasks = new LinkedHashMap<>();
            for (TaskSpec t : model.tasks()) {
                ResultCell c = r.cells().get(t.name());
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("status", c.status().label());
                cell.put("mean", c.meanAccuracy());
                cell.put("std", c.stdAccuracy());
                cell.put("accuracies", c.testAccuracies());
                cell.put("rank", ReportTables.taskRank(model, r.method(), t.name()));
                cell.put("insertedParameters", c.insertedParameters());
                cell.put("hyperparameters", c.hyperparameters());
                cell.put("lr", c.lr());
                cell.put("weightDecay", c.weightDecay());
                cell.put("valAccuracy", c.valAccuracy());
                cell.put("finalTrials", c.finalTrials());
                if (!c.message().isEmpty()) {
                    cell.put("message", c.message());
                }
                tasks.put(t.name(), cell);
            }
            m.put("tasks", tasks);
            m.put("groupMeans", r.groupMeans());
            m.put("mean", r.mean());
            m.put("averageRank", r.averageRank());
            m.put("insertedParameters", r.insertedParameters());
            m.put("insertedPercent", r.insertedPercent());
            m.put("trainSeconds", r.trainSeconds());
            m.put("peakRssMib", r.peakRssMib());
            m.put("costs", r.costs());
            methods.add(m);
        }
        out.put("methods", methods);
        out.put("paretoFronts", ParetoTables.fronts(model));
        Map<String, Object> similarity = new LinkedHashMap<>();
        similarity.put("confidenceThreshold", analysis.threshold());
        similarity.put("mean", matrices(analysis.mean()));
        Map<String, Object> perTask = new LinkedHashMap<>();
        analysis.perTask().forEach((task, ms) -> perTask.put(task, matrices(ms)));
        similarity.put("perTask", perTask);
        out.put("similarity", similarity);
        out.put("ensembles", analysis.ensembles());
        out.put("significance", significance);
        out.put("wise", wise);
        return Json.GSON.toJson(out) + "\n";
    }

    private static Map<String, Object> matrices(Map<Measure, SimilarityMatrix> byMeasure) {
        Map<String, Object> out = new LinkedHashMap<>();
        byMeasure.forEach((measure, m) -> {
            List<List<Double>> rows = new ArrayList<>();
            for (double[] row : m.values()) {
                List<Double> values = new ArrayList<>();
                for (double v : row) {
                    values.add(Double.isNaN(v) ? null : v);
                }
                rows.add(values);
            }
            out.put(measure.key(), ordered("methods", m.methods(), "values", rows));
        });
        return out;
    }

    /** A map of alternating keys and values, in that order (JSON objects keep it). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
