package org.peft4j.report;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.peft4j.eval.protocol.store.CurvePoint;

/** The training curves of one task: mean train loss per epoch of each method's first final seed, overlaid. */
final class CurvePlot {

    private CurvePlot() {}

    /**
     * The file name of a task's figure.
     *
     * @param task the task
     * @return {@code curves-<task>.png}
     */
    static String fileName(String task) {
        return "curves-" + task + ".png";
    }

    /**
     * Draws the figure.
     *
     * @param task the task
     * @param curves per method, its curve (not empty)
     * @param model the report, for its protocol
     * @param file the PNG file
     */
    static void write(String task, Map<String, List<CurvePoint>> curves, ReportModel model, Path file) {
        Charts.headless();
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title("Training loss on " + task + ", first final seed " + model.protocolTag())
                .xAxisTitle("epoch").yAxisTitle("mean train loss of the epoch").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setMarkerSize(6);
        for (Map.Entry<String, List<CurvePoint>> e : curves.entrySet()) {
            List<CurvePoint> finite = e.getValue().stream().filter(p -> Double.isFinite(p.trainLoss())).toList();
            if (finite.isEmpty()) {
                continue;
            }
            List<Integer> epochs = finite.stream().map(p -> p.epoch() + 1).toList();
            List<Double> losses = finite.stream().map(CurvePoint::trainLoss).toList();
            XYSeries s = chart.addSeries(e.getKey(), epochs, losses);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2f));
        }
        Charts.save(chart, file);
    }
}
