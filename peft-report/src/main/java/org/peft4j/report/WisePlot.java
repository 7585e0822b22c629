package org.peft4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.ProtocolKind;

/** The two test accuracies of a WiSE-FT curve along α. */
public final class WisePlot {

    private WisePlot() {}

    /**
     * Draws the plot.
     *
     * @param curve the curve
     * @param protocol the comparison's protocol, named in the title
     * @param file the PNG file
     */
    public static void write(WiseCurve curve, ProtocolKind protocol, Path file) {
        Charts.headless();
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title("WiSE-FT: " + curve.method() + " on " + curve.task() + " [" + protocol.label() + " protocol]")
                .xAxisTitle("α (0 = pretrained backbone, 1 = fine-tuned; fine-tuned head kept)")
                .yAxisTitle("test accuracy (%)").build();
        Charts.style(chart.getStyler());
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(1.0);
        styler.setXAxisDecimalPattern("0.0");
        styler.setYAxisDecimalPattern("0");
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setMarkerSize(9);
        XYSeries in = chart.addSeries("in-distribution (" + curve.inSplit() + ")", curve.alphas(), curve.inAccuracy());
        in.setMarker(SeriesMarkers.CIRCLE);
        in.setLineColor(new Color(31, 119, 180));
        in.setMarkerColor(new Color(31, 119, 180));
        in.setLineStyle(new BasicStroke(2.5f));
        XYSeries shifted = chart.addSeries("distribution-shifted (" + curve.shiftedSplit() + ")", curve.alphas(),
                curve.shiftedAccuracy());
        shifted.setMarker(SeriesMarkers.DIAMOND);
        shifted.setLineColor(new Color(217, 95, 2));
        shifted.setMarkerColor(new Color(217, 95, 2));
        shifted.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {10f, 6f}, 0f));
        Charts.save(chart, file);
    }
}
