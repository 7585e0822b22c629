package org.peft4j.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.peft4j.eval.protocol.TaskSpec;

/**
 * Test accuracy per task as grouped bars: one group per method, one bar per task (same colour for
 * a task in every group); cells without an accuracy are drawn as 0 and named in the legend title.
 */
final class TaskAccuracyPlot {

    /** Twenty distinguishable colours (Tableau 20), one per task. */
    private static final Color[] TAB20 = {new Color(31, 119, 180), new Color(174, 199, 232), new Color(255, 127, 14),
        new Color(255, 187, 120), new Color(44, 160, 44), new Color(152, 223, 138), new Color(214, 39, 40),
        new Color(255, 152, 150), new Color(148, 103, 189), new Color(197, 176, 213), new Color(140, 86, 75),
        new Color(196, 156, 148), new Color(227, 119, 194), new Color(247, 182, 210), new Color(127, 127, 127),
        new Color(199, 199, 199), new Color(188, 189, 34), new Color(219, 219, 141), new Color(23, 190, 207),
        new Color(158, 218, 229)};

    private TaskAccuracyPlot() {}

    /**
     * Draws the plot.
     *
     * @param model the numbers
     * @param file the PNG file
     */
    static void write(ReportModel model, Path file) {
        List<String> methods = model.rows().stream().map(MethodRow::method).toList();
        int bars = methods.size() * model.tasks().size();
        int width = Math.max(1100, Math.min(2400, 400 + 8 * bars));
        Charts.headless();
        CategoryChart chart = new CategoryChartBuilder().width(width).height(bars > 100 ? 900 : 720)
                .title("Test accuracy per task: " + model.comparison() + " " + model.protocolTag())
                .xAxisTitle("method (bars: tasks; missing bar = diverged, failed or pending)")
                .yAxisTitle("test accuracy (%)").build();
        Charts.style(chart.getStyler());
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setYAxisDecimalPattern("0");
        styler.setAvailableSpaceFill(0.85);
        styler.setOverlapped(false);
        styler.setXAxisLabelRotation(methods.size() > 8 ? 30 : 0);
        for (TaskSpec t : model.tasks()) {
            List<Double> values = new ArrayList<>();
            for (MethodRow r : model.rows()) {
                double acc = ReportModel.accuracy(r.cells().get(t.name()));
                values.add(Double.isNaN(acc) ? 0.0 : acc);
            }
            CategorySeries series = chart.addSeries(t.name() + " (" + t.group() + ")", methods, values);
            series.setFillColor(TAB20[chart.getSeriesMap().size() % TAB20.length]);
        }
        Charts.save(chart, file);
    }
}
