package org.peft4j.report;

import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.peft4j.eval.analysis.ConfusionMatrix;

/**
 * A confusion matrix as a heatmap: true class (rows, top to bottom) against predicted class
 * (columns), each cell the percentage of the true class's test predictions that went to the
 * predicted class, so the diagonal is the per-class accuracy.
 */
final class ConfusionPlot {

    private ConfusionPlot() {}

    /**
     * The file name of a cell's figure.
     *
     * @param task the task
     * @param method the method
     * @return {@code confusion-<task>--<method>.png}
     */
    static String fileName(String task, String method) {
        return "confusion-" + task + "--" + method + ".png";
    }

    /**
     * Draws the figure.
     *
     * @param task the task
     * @param method the method
     * @param matrix the matrix
     * @param model the report, for its seeds and protocol
     * @param file the PNG file
     */
    static void write(String task, String method, ConfusionMatrix matrix, ReportModel model, Path file) {
        int n = matrix.classes();
        int side = Math.max(700, Math.min(2400, 260 + 40 * n));
        HeatMapChart chart = Charts.heatMap(side, "Confusion matrix: " + method + " on " + task
                        + (model.seeds() > 1 ? ", " + model.seeds() + " seeds" : "") + " " + model.protocolTag(),
                "predicted class (cell: % of the true class's test images)", "true class");
        HeatMapStyler styler = chart.getStyler();
        styler.setShowValue(n <= 20);
        styler.setValueFont(new Font(Charts.FONT, Font.PLAIN, n <= 10 ? 15 : 11));
        styler.setMax(100);
        styler.setHeatMapValueDecimalPattern("0");
        styler.setXAxisLabelRotation(n > 20 ? 90 : 0);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            long examples = matrix.examples(t);
            for (int p = 0; p < n; p++) {
                if (examples > 0) {
                    cells.add(new Number[] {p, n - 1 - t, 100.0 * matrix.counts()[t][p] / examples});
                }
            }
        }
        List<String> predicted = IntStream.range(0, n).mapToObj(String::valueOf).toList();
        List<String> truth = IntStream.range(0, n).mapToObj(i -> String.valueOf(n - 1 - i)).toList();
        chart.addSeries("%", predicted, truth, cells);
        Charts.save(chart, file);
    }
}
