package org.peft4j.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.peft4j.eval.analysis.EnsembleResult;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.analysis.SimilarityMatrix;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * The analyses of the test predictions of a comparison: pairwise prediction similarity per task
 * and averaged over tasks, and ensembles per task. Each (method, task) contributes the predictions
 * of its first final seed, and only when its cell ended ok.
 *
 * @param threshold the confidence threshold of {@link Measure#CONFIDENT_OVERLAP}
 * @param perTask the matrices of every measure, by task (tasks where fewer than two methods have
 *     predictions are left out)
 * @param mean the matrices averaged over those tasks, by measure (empty without tasks)
 * @param ensembles one result per task with at least two methods' predictions
 */
public record PredictionAnalysis(double threshold, Map<String, Map<Measure, SimilarityMatrix>> perTask,
        Map<Measure, SimilarityMatrix> mean, List<EnsembleResult> ensembles) {

    /**
     * Runs the analyses.
     *
     * @param model the report's numbers
     * @param predictions reads a final trial's predictions by id
     * @param threshold the confidence threshold
     * @return the analyses
     */
    public static PredictionAnalysis of(ReportModel model, Function<String, Predictions> predictions,
            double threshold) {
        List<String> methods = model.rows().stream().map(MethodRow::method).toList();
        Map<String, Map<Measure, SimilarityMatrix>> perTask = new LinkedHashMap<>();
        List<EnsembleResult> ensembles = new ArrayList<>();
        for (TaskSpec task : model.tasks()) {
            Map<String, Predictions> byMethod = new LinkedHashMap<>();
            for (MethodRow row : model.rows()) {
                ResultCell cell = row.cells().get(task.name());
                if (cell.status() == CellStatus.OK && !cell.finalTrials().isEmpty()) {
                    byMethod.put(row.method(), predictions.apply(cell.finalTrials().get(0)));
                }
            }
            if (byMethod.size() < 2) {
                continue;
            }
            Map<Measure, SimilarityMatrix> matrices = new EnumMap<>(Measure.class);
            for (Measure m : Measure.values()) {
                matrices.put(m, SimilarityMatrix.of(m, methods, byMethod, threshold));
            }
            perTask.put(task.name(), matrices);
            ensembles.add(EnsembleResult.of(task.name(), methods, byMethod));
        }
        Map<Measure, SimilarityMatrix> mean = new EnumMap<>(Measure.class);
        if (!perTask.isEmpty()) {
            for (Measure m : Measure.values()) {
                mean.put(m, SimilarityMatrix.mean(perTask.values().stream().map(x -> x.get(m)).toList()));
            }
        }
        return new PredictionAnalysis(threshold, perTask, mean, ensembles);
    }
}
