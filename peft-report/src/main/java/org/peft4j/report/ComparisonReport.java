package org.peft4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.peft4j.eval.analysis.PredictionSimilarity;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.analysis.SimilarityMatrix;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.stats.SignificanceReport;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * Writes the full report of a result store into its {@value #FOLDER} folder: {@code report.md},
 * {@code accuracy.csv}, {@code summary.csv}, {@code results.json} and the PNG plots (accuracy vs
 * each cost with its Pareto front, per-task accuracy bars, the critical-difference diagram when the Friedman
 * test applies, one similarity heatmap per measure, one WiSE-FT plot per curve stored under
 * {@code wise/}, one training-curves figure per task, confusion matrices of the tasks asked for),
 * the per-class accuracy and confusion matrix of every cell as CSV under {@code per-class/}, and
 * {@code report.html}, the Markdown page with its figures inlined. Every report carries bootstrap
 * intervals and significance tests.
 */
public final class ComparisonReport {

    /** The report's folder inside a store. */
    public static final String FOLDER = "report";

    private ComparisonReport() {}

    /**
     * Writes the report with the default confidence threshold.
     *
     * @param store the result store
     * @return the files written
     */
    public static List<Path> write(ResultStore store) {
        return write(store, PredictionSimilarity.DEFAULT_CONFIDENCE);
    }

    /**
     * Writes the report.
     *
     * @param store the result store
     * @param threshold the confidence threshold of the high-confidence overlap
     * @return the files written, Markdown first
     */
    public static List<Path> write(ResultStore store, double threshold) {
        return write(store, threshold, Set.of());
    }

    /**
     * Writes the report, with the confusion matrices of some tasks drawn.
     *
     * @param store the result store
     * @param threshold the confidence threshold of the high-confidence overlap
     * @param confusionTasks tasks whose cells get a confusion-matrix figure (may be empty)
     * @return the files written, Markdown first
     * @throws IllegalArgumentException if a task is not part of the comparison
     */
    public static List<Path> write(ResultStore store, double threshold, Set<String> confusionTasks) {
        ComparisonResults results = ComparisonResults.read(store);
        for (String task : confusionTasks) {
            if (!results.tasks().contains(task)) {
                throw new IllegalArgumentException("task '" + task + "' asked for a confusion matrix is not a task of "
                        + "the comparison in " + store.root() + "; its tasks are " + String.join(", ", results.tasks()));
            }
        }
        ReportModel model = ReportModel.of(results, store::record);
        PredictionAnalysis analysis = PredictionAnalysis.of(model, store::readPredictions, threshold);
        SignificanceReport significance = SignificanceReport.of(results, store::readPredictions);
        List<WiseCurve> wise = WiseFiles.readAll(store.root());
        Path dir = store.root().resolve(FOLDER);
        List<String> plots = plots(model, analysis, significance, wise, dir);
        TrainingCurves curves = TrainingCurves.of(store, results);
        List<String> curvePlots = curvePlots(curves, model, dir);
        PerClassResults perClass = PerClassResults.of(model, store::readPredictions);
        List<String> confusionPlots = confusionPlots(perClass, confusionTasks, model, dir);
        List<Path> files = new ArrayList<>();
        files.add(text(dir.resolve("report.md"), ReportTables.markdown(model, analysis, significance, wise,
                CurveTables.markdown(model, curves, curvePlots) + perClass.markdown(model, confusionPlots), plots)));
        files.add(text(dir.resolve("accuracy.csv"), ReportTables.accuracyCsv(model, significance)));
        files.add(text(dir.resolve("summary.csv"), ReportTables.summaryCsv(model)));
        files.add(text(dir.resolve("results.json"), ReportJson.json(model, analysis, significance, wise)));
        plots.forEach(p -> files.add(dir.resolve(p)));
        curvePlots.forEach(p -> files.add(dir.resolve(p)));
        confusionPlots.forEach(p -> files.add(dir.resolve(p)));
        files.addAll(perClass.write(dir));
        List<String> drawn = new ArrayList<>(plots);
        drawn.addAll(curvePlots);
        drawn.addAll(confusionPlots);
        deleteStalePlots(dir, drawn);
        files.add(HtmlReport.write(dir));
        return files;
    }

    /** Removes plots of an earlier report that this one did not draw (e.g. a deleted WiSE curve). */
    private static void deleteStalePlots(Path dir, List<String> current) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".png")
                    && !current.contains(f.getFileName().toString())).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> plots(ReportModel model, PredictionAnalysis analysis, SignificanceReport significance,
            List<WiseCurve> wise, Path dir) {
        List<String> names = new ArrayList<>();
        for (CostMeasure measure : CostMeasure.values()) {
            if (ParetoPlot.write(model, measure, dir.resolve(measure.plotFile()))) {
                names.add(measure.plotFile());
            }
        }
        TaskAccuracyPlot.write(model, dir.resolve("task-accuracy.png"));
        names.add("task-accuracy.png");
        if (significance.ranks() != null) {
            CdDiagram.write(significance.ranks(), model, dir.resolve(SignificanceTables.CD_DIAGRAM));
            names.add(SignificanceTables.CD_DIAGRAM);
        }
        int tasks = analysis.perTask().size();
        for (Map.Entry<Measure, SimilarityMatrix> e : analysis.mean().entrySet()) {
            String name = "similarity-" + e.getKey().key() + ".png";
            SimilarityHeatmap.write(e.getValue(), tasks == 1 ? "1 task" : "mean over " + tasks + " tasks", model,
                    dir.resolve(name));
            names.add(name);
        }
        for (WiseCurve c : wise) {
            String name = "wise-" + c.task() + "--" + c.method() + ".png";
            WisePlot.write(c, model.protocol(), dir.resolve(name));
            names.add(name);
        }
        return names;
    }

    /** One training-curves figure per task with at least one curve. */
    private static List<String> curvePlots(TrainingCurves curves, ReportModel model, Path dir) {
        List<String> names = new ArrayList<>();
        curves.byTask().forEach((task, byMethod) -> {
            if (!byMethod.isEmpty()) {
                String name = CurvePlot.fileName(task);
                CurvePlot.write(task, byMethod, model, dir.resolve(name));
                names.add(name);
            }
        });
        return names;
    }

    /** One confusion-matrix figure per cell with predictions of the tasks asked for. */
    private static List<String> confusionPlots(PerClassResults perClass, Set<String> tasks, ReportModel model,
            Path dir) {
        List<String> names = new ArrayList<>();
        perClass.byTask().forEach((task, byMethod) -> {
            if (tasks.contains(task)) {
                byMethod.forEach((method, matrix) -> {
                    String name = ConfusionPlot.fileName(task, method);
                    ConfusionPlot.write(task, method, matrix, model, dir.resolve(name));
                    names.add(name);
                });
            }
        });
        return names;
    }

    private static Path text(Path file, String content) {
        AtomicFiles.writeString(file, content);
        return file;
    }
}
