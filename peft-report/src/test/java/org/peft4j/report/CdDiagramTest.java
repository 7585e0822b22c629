package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.stats.FriedmanTest;
import org.peft4j.eval.stats.Nemenyi;
import org.peft4j.eval.stats.RankSignificance;

/** The critical-difference diagram: its bars and the PNG. */
class CdDiagramTest {

    @TempDir
    Path dir;

    @Test
    void barsJoinMaximalRunsWithinTheCriticalDifference() {
        List<double[]> bars = CdDiagram.cliques(new double[] {1.0, 1.5, 2.2, 3.9, 4.1}, 1.3);
        assertEquals(2, bars.size());
        assertArrayEquals(new double[] {1.0, 2.2}, bars.get(0));
        assertArrayEquals(new double[] {3.9, 4.1}, bars.get(1));
        assertTrue(CdDiagram.cliques(new double[] {1, 3, 5}, 1.0).isEmpty());
    }

    @Test
    void drawsAPng() throws Exception {
        double[][] scores = new double[12][];
        for (int t = 0; t < scores.length; t++) {
            scores[t] = new double[] {70 + t % 3, 72 - t % 2, 60, 71 + t % 4, 50 + t, 65};
        }
        List<String> methods = List.of("full", "lora", "linear", "adapter", "vpt-deep", "bitfit");
        RankSignificance ranks = new RankSignificance(methods, java.util.stream.IntStream.range(0, 12)
                .mapToObj(t -> "t" + t).toList(), FriedmanTest.of(scores),
                Nemenyi.criticalDifference(6, 12, 0.05), 0.05);
        Path png = dir.resolve("cd.png");
        CdDiagram.write(ranks, new ReportModel("x", ProtocolKind.QUICK, 1, List.of(), List.of(), List.of(), true, List.of(), ""), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1100, image.getWidth());
        assertTrue(image.getHeight() > 200);
    }
}
