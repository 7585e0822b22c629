package org.peft4j.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.peft4j.runtime.io.AtomicFiles;

/** The shared look of the report's plots (fonts, colours, background) and PNG writing, headless. */
final class Charts {

    /** Font family of every plot (DejaVu Sans where installed, else the JDK's logical sans-serif). */
    static final String FONT = Font.SANS_SERIF;

    private Charts() {}

    /** Makes AWT headless unless the JVM was told otherwise; called before any chart is built. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Applies the common fonts and colours. */
    static void style(Styler s) {
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 20));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(new Font(FONT, Font.PLAIN, 16));
            a.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 14));
            a.setPlotBackgroundColor(Color.WHITE);
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setPlotBorderColor(Color.GRAY);
        }
    }

    /**
     * A heat map of a square matrix in the report's look: {@code side} pixels square plus the colour
     * bar on the right, white to blue from 0, values written in black. The caller sets the top of
     * the range and how values are shown.
     *
     * @param side the plot's side in pixels
     * @param title the chart title
     * @param xAxisTitle the x axis title
     * @param yAxisTitle the y axis title
     * @return the chart, without series
     */
    static HeatMapChart heatMap(int side, String title, String xAxisTitle, String yAxisTitle) {
        headless();
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 180).height(side).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        HeatMapStyler styler = chart.getStyler();
        style(styler);
        styler.setValueFontColor(Color.BLACK);
        styler.setMin(0);
        styler.setRangeColors(new Color[] {new Color(255, 255, 255), new Color(158, 202, 225), new Color(49, 130, 189)});
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPlotContentSize(1.0);
        return chart;
    }

    /** Writes a chart as a PNG file, atomically. */
    static void save(Chart<?, ?> chart, Path file) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file.getFileName() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(png));
    }
}
