package org.peft4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Mean test accuracy over tasks against inserted parameters (log scale), one labelled point per
 * method with a mean; a label that had to move away from its point is joined to it by a grey
 * line. A method with no inserted parameters (linear probing) is drawn at the left edge of the
 * axis and labelled "(0 params)".
 */
final class AccuracyVsParamsPlot {

    /** Ten distinguishable colours (Tableau 10); with the markers they tell 50 methods apart. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    private AccuracyVsParamsPlot() {}

    /**
     * Draws the plot.
     *
     * @param model the numbers
     * @param file the PNG file
     * @return false when no method has both a mean and a parameter count (nothing is written)
     */
    static boolean write(ReportModel model, Path file) {
        List<MethodRow> rows = model.rows().stream().filter(r -> r.mean() != null && r.insertedParameters() != null)
                .toList();
        if (rows.isEmpty()) {
            return false;
        }
        double minPositive = rows.stream().mapToDouble(MethodRow::insertedParameters).filter(p -> p > 0).min()
                .orElse(1000);
        double maxParams = rows.stream().mapToDouble(MethodRow::insertedParameters).max().orElse(1000);
        double zeroAt = Math.pow(10, Math.floor(Math.log10(minPositive)) - 1);
        double xMin = zeroAt / 2;
        double xMax = Math.pow(10, Math.ceil(Math.log10(Math.max(maxParams, zeroAt * 10)) + 0.3));
        double yLow = rows.stream().mapToDouble(MethodRow::mean).min().orElseThrow();
        double yHigh = rows.stream().mapToDouble(MethodRow::mean).max().orElseThrow();
        double pad = Math.max(2, (yHigh - yLow) * 0.12);
        double yMin = Math.max(0, yLow - pad);
        double yMax = Math.min(100, yHigh + pad);
        Charts.headless();
        XYChart chart = new XYChartBuilder().width(1100).height(720)
                .title("Accuracy vs inserted parameters: " + model.comparison() + " " + model.protocolTag())
                .xAxisTitle("inserted parameters (log scale; head excluded)")
                .yAxisTitle("mean test accuracy over " + model.tasks().size() + " tasks (%)").build();
        Charts.style(chart.getStyler());
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        styler.setYAxisDecimalPattern("0.0");
        styler.setXAxisDecimalPattern("#,##0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(14);
        List<Label> labels = new ArrayList<>();
        for (MethodRow r : rows) {
            double x = r.insertedParameters() > 0 ? r.insertedParameters() : zeroAt;
            XYSeries s = chart.addSeries(r.method() + " (" + Numbers.millions(r.insertedParameters()) + ")",
                    new double[] {x}, new double[] {r.mean()});
            int i = labels.size();
            s.setMarker(MARKERS[(i / PALETTE.length) % MARKERS.length]);
            s.setMarkerColor(PALETTE[i % PALETTE.length]);
            s.setLineStyle(new BasicStroke(0f));
            labels.add(new Label(r.insertedParameters() > 0 ? r.method() : r.method() + " (0 params)", x, r.mean()));
        }
        place(labels, Math.log10(xMin), Math.log10(xMax), yMin, yMax);
        double rowHeight = (yMax - yMin) * 0.04;
        for (Label l : labels) {
            chart.addAnnotation(new AnnotationText(l.text, l.labelX, l.labelY, false));
            if (l.labelX != l.x || Math.abs(l.labelY - l.y) > 1.5 * rowHeight) {
                leader(chart, l, rowHeight, "leader " + labels.indexOf(l));
            }
        }
        chart.getStyler().setAnnotationTextFont(new Font(Charts.FONT, Font.PLAIN, 14));
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        Charts.save(chart, file);
        return true;
    }

    /** A thin grey line from a point to its label, for labels that are not right above or below it. */
    private static void leader(XYChart chart, Label l, double rowHeight, String name) {
        double endY = l.labelY + (l.labelY > l.y ? -0.45 : 0.45) * rowHeight;
        XYSeries line = chart.addSeries(name, new double[] {l.x, l.labelX}, new double[] {l.y, endY});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.GRAY);
        line.setLineStyle(new BasicStroke(1f));
        line.setShowInLegend(false);
    }

    /** Candidate label positions around a point: (horizontal side, rows up), nearest first. */
    private static final int[][] SPOTS = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}, {1, 1}, {-1, 1}, {1, -1}, {-1, -1},
        {0, 2}, {0, -2}, {1, 2}, {-1, 2}, {1, -2}, {-1, -2}, {0, 3}, {0, -3}};

    /**
     * Puts each label at the first spot around its point (above, below, right, left, then further
     * out) inside the plot where it overlaps neither a label already placed nor any point.
     */
    private static void place(List<Label> labels, double logMin, double logMax, double yMin, double yMax) {
        double rowHeight = (yMax - yMin) * 0.04;
        double logPerChar = (logMax - logMin) * 0.009;
        List<Label> placed = new ArrayList<>();
        for (Label l : labels.stream().sorted(Comparator.comparingDouble((Label x) -> x.y)).toList()) {
            double halfWidth = logPerChar * l.text.length() / 2;
            for (int[] spot : SPOTS) {
                l.labelX = l.x * Math.pow(10, spot[0] * (halfWidth + logPerChar * 1.5));
                l.labelY = l.y + spot[1] * rowHeight - (spot[1] < 0 ? rowHeight * 0.3 : 0);
                if (l.labelY > yMax - rowHeight * 0.6 || l.labelY < yMin + rowHeight * 0.6) {
                    continue;
                }
                boolean hitsLabel = placed.stream().anyMatch(p -> close(p.labelX, l.labelX,
                        logPerChar * (p.text.length() + l.text.length()) / 2) && near(p.labelY, l.labelY, rowHeight));
                boolean hitsPoint = labels.stream().anyMatch(p -> close(p.x, l.labelX, halfWidth + logPerChar)
                        && near(p.y, l.labelY, rowHeight * 0.8));
                if (!hitsLabel && !hitsPoint) {
                    break;
                }
            }
            placed.add(l);
        }
    }

    private static boolean close(double x1, double x2, double logDistance) {
        return Math.abs(Math.log10(x1) - Math.log10(x2)) < logDistance;
    }

    private static boolean near(double y1, double y2, double distance) {
        return Math.abs(y1 - y2) < distance * 0.95;
    }

    /** A point's label and where it is drawn. */
    private static final class Label {
        final String text;
        final double x;
        final double y;
        double labelX;
        double labelY;

        Label(String text, double x, double y) {
            this.text = text;
            this.x = x;
            this.y = y;
        }
    }
}
