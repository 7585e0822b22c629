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
import org.peft4j.eval.analysis.ParetoFront;

/**
 * Mean test accuracy over tasks against a cost (log scale), one labelled point per method with a
 * mean and that cost, and the Pareto front ({@link ParetoFront}) as a dashed line through the
 * methods on it; a label that had to move away from its point is joined to it by a grey line. A
 * method with a cost of 0 (linear probing has no inserted parameters) is drawn at the left edge
 * of the axis and labelled "(0 params)".
 */
final class ParetoPlot {

    /** Ten distinguishable colours (Tableau 10); with the markers they tell 50 methods apart. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    /** The longest title that fits the plot's width at its font size. */
    private static final int MAX_TITLE = 80;

    private ParetoPlot() {}

    /**
     * The methods on the Pareto front of mean accuracy against a cost.
     *
     * @param model the numbers
     * @param measure the cost
     * @return the methods with a mean and that cost on the front, by ascending cost
     */
    static List<MethodRow> front(ReportModel model, CostMeasure measure) {
        return ParetoFront.of(plotted(model, measure), MethodRow::mean, measure::value);
    }

    private static List<MethodRow> plotted(ReportModel model, CostMeasure measure) {
        return model.rows().stream().filter(r -> r.mean() != null && measure.value(r) != null).toList();
    }

    /**
     * Draws the plot.
     *
     * @param model the numbers
     * @param measure the cost on the x axis
     * @param file the PNG file
     * @return false when no method has both a mean and that cost (nothing is written)
     */
    static boolean write(ReportModel model, CostMeasure measure, Path file) {
        List<MethodRow> rows = plotted(model, measure);
        if (rows.isEmpty()) {
            return false;
        }
        double minPositive = rows.stream().mapToDouble(measure::value).filter(p -> p > 0).min().orElse(1000);
        double maxCost = rows.stream().mapToDouble(measure::value).max().orElse(1000);
        boolean zero = rows.stream().anyMatch(r -> measure.value(r) <= 0);
        double zeroAt = Math.pow(10, Math.floor(Math.log10(minPositive)) - 1);
        double xMin = zero ? zeroAt / 2 : Math.pow(10, Math.floor(Math.log10(minPositive) - 0.3));
        double xMax = Math.pow(10, Math.ceil(Math.log10(Math.max(maxCost, xMin * 10)) + 0.3));
        double yLow = rows.stream().mapToDouble(MethodRow::mean).min().orElseThrow();
        double yHigh = rows.stream().mapToDouble(MethodRow::mean).max().orElseThrow();
        double pad = Math.max(2, (yHigh - yLow) * 0.12);
        double yMin = Math.max(0, yLow - pad);
        double yMax = Math.min(100, yHigh + pad);
        Charts.headless();
        XYChart chart = new XYChartBuilder().width(1100).height(720)
                .title(title(model, measure))
                .xAxisTitle(measure.axisTitle())
                .yAxisTitle("mean test accuracy over " + model.tasks().size() + " tasks (%)").build();
        Charts.style(chart.getStyler());
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        styler.setYAxisDecimalPattern("0.0");
        styler.setXAxisDecimalPattern(measure.axisPattern());
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(14);
        List<Label> labels = new ArrayList<>();
        for (MethodRow r : rows) {
            double cost = measure.value(r);
            double x = cost > 0 ? cost : zeroAt;
            XYSeries s = chart.addSeries(r.method() + " (" + measure.format(cost) + ")",
                    new double[] {x}, new double[] {r.mean()});
            int i = labels.size();
            s.setMarker(MARKERS[(i / PALETTE.length) % MARKERS.length]);
            s.setMarkerColor(PALETTE[i % PALETTE.length]);
            s.setLineStyle(new BasicStroke(0f));
            labels.add(new Label(cost > 0 ? r.method() : r.method() + " (0 params)", x, r.mean()));
        }
        frontLine(chart, front(model, measure), measure, zeroAt);
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

    /** "Accuracy vs cost: comparison [protocol]", without the comparison's name where that would not fit. */
    private static String title(ReportModel model, CostMeasure measure) {
        String full = "Accuracy vs " + measure.title() + ": " + model.comparison() + " " + model.protocolTag();
        return full.length() <= MAX_TITLE ? full : "Accuracy vs " + measure.title() + " " + model.protocolTag();
    }

    /** The Pareto front as a dashed step line from its cheapest to its most accurate method. */
    private static void frontLine(XYChart chart, List<MethodRow> front, CostMeasure measure, double zeroAt) {
        double[] x = front.stream().mapToDouble(r -> measure.value(r) > 0 ? measure.value(r) : zeroAt).toArray();
        double[] y = front.stream().mapToDouble(MethodRow::mean).toArray();
        XYSeries line = chart.addSeries("Pareto front", x, y);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
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
