package org.peft4j.report;

import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.peft4j.eval.analysis.SimilarityMatrix;

/** A methods × methods heatmap of one similarity measure, values printed in the cells, with a colour bar. */
final class SimilarityHeatmap {

    private SimilarityHeatmap() {}

    /**
     * Draws the heatmap.
     *
     * @param matrix the matrix (NaN cells are left blank)
     * @param subtitle what the values average over, e.g. {@code mean over 3 tasks}
     * @param model the report, for its name and protocol
     * @param file the PNG file
     */
    static void write(SimilarityMatrix matrix, String subtitle, ReportModel model, Path file) {
        List<String> methods = matrix.methods();
        int n = methods.size();
        int side = Math.max(700, Math.min(2400, 260 + 70 * n));
        HeatMapChart chart = Charts.heatMap(side,
                capitalised(matrix.measure().title()) + ", " + subtitle + " " + model.protocolTag(),
                "method (colour bar: 0 = no overlap, 1 = identical)", "method");
        HeatMapStyler styler = chart.getStyler();
        styler.setShowValue(n <= 24);
        styler.setValueFont(new Font(Charts.FONT, Font.PLAIN, n <= 12 ? 15 : 11));
        styler.setMax(1);
        styler.setDrawBorder(true);
        styler.setHeatMapValueDecimalPattern("0.00");
        styler.setXAxisLabelRotation(n > 6 ? 45 : 0);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = matrix.values()[i][j];
                if (!Double.isNaN(v)) {
                    cells.add(new Number[] {j, n - 1 - i, v});
                }
            }
        }
        List<String> reversed = new ArrayList<>(methods);
        java.util.Collections.reverse(reversed);
        chart.addSeries(matrix.measure().key(), methods, reversed, cells);
        Charts.save(chart, file);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
