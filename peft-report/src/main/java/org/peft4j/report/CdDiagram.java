package org.peft4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.peft4j.eval.stats.RankSignificance;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * The critical-difference diagram of Demšar (JMLR 2006), drawn with Java2D: the average-rank axis
 * (1 = best, on the left), one labelled line per method, the CD bar, and thick bars joining methods
 * whose average ranks differ by less than the critical difference (not significantly different).
 */
final class CdDiagram {

    private static final int WIDTH = 1100;
    private static final int MARGIN = 260;
    private static final int AXIS_Y = 110;
    private static final int ROW = 28;

    private CdDiagram() {}

    /**
     * Draws the diagram.
     *
     * @param ranks the Friedman and Nemenyi results
     * @param model the report, for its protocol tag
     * @param file the PNG file
     */
    static void write(RankSignificance ranks, ReportModel model, Path file) {
        write(ranks, null, model, file);
    }

    /**
     * Draws the diagram of one task group.
     *
     * @param ranks the Friedman and Nemenyi results over the group's tasks
     * @param group the group named in the title, or null for all tasks
     * @param model the report, for its protocol tag
     * @param file the PNG file
     */
    static void write(RankSignificance ranks, String group, ReportModel model, Path file) {
        Charts.headless();
        int k = ranks.methods().size();
        double[] avg = ranks.friedman().averageRanks();
        List<Integer> order = IntStream.range(0, k).boxed().sorted(Comparator.comparingDouble(i -> avg[i])).toList();
        List<double[]> cliques = cliques(order.stream().mapToDouble(i -> avg[i]).toArray(), ranks.criticalDifference());
        int left = (k + 1) / 2;
        int height = AXIS_Y + 40 + cliques.size() * 10 + Math.max(left, k - left) * ROW + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Charts.FONT, Font.BOLD, 18));
        g.drawString(String.format(Locale.ROOT, "Critical difference (Nemenyi, α = %.2f), %s%d tasks %s",
                ranks.alpha(), group == null ? "" : "group " + group + ": ", ranks.tasks().size(),
                model.protocolTag()), 20, 28);
        g.setFont(new Font(Charts.FONT, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x(1, k), AXIS_Y, x(k, k), AXIS_Y);
        for (int r = 1; r <= k; r++) {
            g.drawLine(x(r, k), AXIS_Y, x(r, k), AXIS_Y - 8);
            String label = String.valueOf(r);
            g.drawString(label, x(r, k) - fm.stringWidth(label) / 2, AXIS_Y - 12);
        }
        double cd = ranks.criticalDifference();
        int cdEnd = x(1 + Math.min(cd, k - 1), k);
        g.drawLine(x(1, k), 55, cdEnd, 55);
        g.drawLine(x(1, k), 50, x(1, k), 60);
        g.drawLine(cdEnd, 50, cdEnd, 60);
        String cdLabel = String.format(Locale.ROOT, "CD = %.2f", cd);
        g.drawString(cdLabel, (x(1, k) + cdEnd) / 2 - fm.stringWidth(cdLabel) / 2, 48);
        g.setStroke(new BasicStroke(4f));
        for (int c = 0; c < cliques.size(); c++) {
            int y = AXIS_Y + 14 + c * 10;
            g.drawLine(x(cliques.get(c)[0], k) - 4, y, x(cliques.get(c)[1], k) + 4, y);
        }
        g.setStroke(new BasicStroke(1.2f));
        int top = AXIS_Y + 30 + cliques.size() * 10;
        for (int n = 0; n < k; n++) {
            int m = order.get(n);
            boolean onLeft = n < left;
            int y = top + (onLeft ? n : k - 1 - n) * ROW;
            int xr = x(avg[m], k);
            int edge = onLeft ? MARGIN - 20 : WIDTH - MARGIN + 20;
            g.drawLine(xr, AXIS_Y, xr, y);
            g.drawLine(xr, y, edge, y);
            String label = String.format(Locale.ROOT, "%s (%.2f)", ranks.methods().get(m), avg[m]);
            g.drawString(label, onLeft ? edge - 6 - fm.stringWidth(label) : edge + 6, y + fm.getAscent() / 2 - 1);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file.getFileName() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(png.toByteArray()));
    }

    /**
     * Maximal runs of sorted average ranks spanning less than the critical difference.
     *
     * @param sorted average ranks, ascending
     * @param cd the critical difference
     * @return [from, to] rank pairs, one per bar
     */
    static List<double[]> cliques(double[] sorted, double cd) {
        List<double[]> out = new ArrayList<>();
        int reached = 0;
        for (int i = 0; i < sorted.length; i++) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] - sorted[i] < cd) {
                j++;
            }
            if (j > i && j > reached) {
                out.add(new double[] {sorted[i], sorted[j]});
                reached = j;
            }
        }
        return out;
    }

    private static int x(double rank, int k) {
        return (int) Math.round(MARGIN + (rank - 1) / (k - 1) * (WIDTH - 2 * MARGIN));
    }
}
