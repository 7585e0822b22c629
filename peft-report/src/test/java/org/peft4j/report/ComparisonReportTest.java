package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.store.ResultStore;

/** The report files of the hand-made store: tables, JSON and plots. */
class ComparisonReportTest {

    @TempDir
    Path dir;

    @Test
    void writesTablesJsonAndPlots() throws IOException {
        ResultStore store = SyntheticStore.create(dir);
        WiseFiles.write(store.root(), new WiseCurve("a", "m1", "0".repeat(20), "test", "test_shifted",
                List.of(0.0, 0.5, 1.0), List.of(50.0, 80.0, 90.0), List.of(40.0, 70.0, 60.0)));
        List<Path> files = ComparisonReport.write(store);
        Path report = store.root().resolve(ComparisonReport.FOLDER);
        List<String> names = files.stream().filter(f -> f.getParent().equals(report))
                .map(f -> f.getFileName().toString()).toList();
        assertEquals(List.of("report.md", "accuracy.csv", "summary.csv", "results.json", "accuracy-vs-params.png",
                "accuracy-vs-epoch-time.png", "accuracy-vs-memory.png", "accuracy-vs-inference-time.png",
                "task-accuracy.png", "cd-diagram.png", "similarity-agreement.png", "similarity-error-overlap.png",
                "similarity-confident-overlap.png", "wise-a--m1.png", "curves-a.png", "curves-b.png", "curves-c.png",
                "curves-d.png", "report.html"), names);

        String md = Files.readString(report.resolve("report.md"));
        md.lines().filter(l -> l.startsWith("#")).forEach(
                l -> assertTrue(l.contains("[quick protocol]") || l.startsWith("## Cells") || l.startsWith("## Plots"), l));
        // mean ± std over the two seeds, the 95% bootstrap interval; bold: best, italics: not significantly worse
        // (two seeds: the paired bootstrap over seeds and images; on a, m1 (90, 100) beats m3 (50, 60) on both seeds).
        assertTrue(md.contains("| m1     | **95.00 ± 7.07** [80.0, 100.0] | **85.00 ± 7.07** [60.0, 100.0] | "
                + "  _75.00 ± 7.07_ [50.0, 100.0] | **65.00 ± 7.07** [35.0, 90.0] |   90.00 |       75.00 |      65.00 |"
                + " 80.00 |     1.50 |"), md);
        assertTrue(md.contains("| m3     |      55.00 ± 7.07 [25.0, 80.0] |    _65.00 ± 7.07_ [35.0, 90.0] | "
                + "  _75.00 ± 7.07_ [50.0, 100.0] |                      diverged |   60.00 |       75.00 |          – |"
                + "     – |     2.88 |"), md);
        assertTrue(md.contains("- a: m1 > m3 (p = 0.0228); no significant difference between the other pairs\n"), md);
        assertTrue(md.contains("| a    | m1 | m3 | 95.00 | 55.00 | paired bootstrap over seeds and images, B = 10000 |"
                + "      – |      – | 0.0076 |   0.0228 |         yes |"), md);
        assertTrue(md.contains("(paired bootstrap over seeds and images, B = 10000, Holm-corrected"), md);
        assertTrue(md.contains("2 seeds are too few for the spread shown"), md);
        assertTrue(md.contains("Friedman test over 3 tasks and 3 methods: χ²(2) = 3.800, p = 0.1496"), md);
        assertTrue(md.contains("![critical difference](cd-diagram.png)"), md);
        assertTrue(md.contains("- m3 on d: diverged: "), md);
        String squeezed = md.replaceAll(" +", " ");
        assertTrue(squeezed.contains("| m1 | 1,000 | 0.100% | 10.0 | 4.00 | 800 | 1000 | 2000 |"), md);
        assertTrue(squeezed.contains("| m2 | 100,000 | 10.0% | 10.0 | 2.00 | 900 | 4000 | – |"), md);
        assertTrue(squeezed.contains("| m3 | 0 | 0.00% | 10.0 | – | 800 | – | – |"), "no costs recorded: " + md);
        // m1 and m2 have the same mean (m3 none): the cheaper one is the front, alone
        assertTrue(md.contains("- inserted parameters: m1 (80.00%, 1.0K)\n- training time per epoch: m2 (80.00%, 2.00 s)\n"
                + "- peak host memory: m1 (80.00%, 800 MiB)\n- inference time: m2 (80.00%, 0.250 ms)\n"), md);
        assertTrue(md.contains("![curves-a.png](curves-a.png)"), md);
        List<String> flagged = md.lines().filter(l -> l.contains(" | final | ")).toList();
        assertEquals(3, flagged.size(), md);
        assertTrue(flagged.get(0).startsWith("| b ") && flagged.get(0).contains("| m2 ")
                && flagged.get(0).contains("| loss rose at the end |      3 |     2.0000 |      0.5000 |    0.9000 |"),
                flagged.get(0));
        assertTrue(flagged.get(1).contains(" diverged |      1 |     2.0000 |"), flagged.get(1));
        assertTrue(flagged.get(2).contains(" diverged |      0 |          – |"), "the second seed has no curve: "
                + flagged.get(2));

        List<String> summary = Files.readAllLines(report.resolve("summary.csv"));
        assertEquals("protocol,method,mean_natural,mean_specialized,mean_structured,mean,avg_rank,inserted_params,"
                + "inserted_percent,train_seconds,peak_rss_mib,epoch_seconds,gpu_memory_mib,unmerged_images_per_second,"
                + "merged_images_per_second", summary.get(0));
        assertEquals("quick,m2,85.0,95.0,55.0,80.0,1.625,100000.0,10.0,10.0,900.0,2.0,,4000.0,", summary.get(2));
        assertEquals("quick,m3,60.0,75.0,,,2.875,0.0,0.0,10.0,800.0,,,,", summary.get(3), "m3's records keep no costs");
        List<String> accuracy = Files.readAllLines(report.resolve("accuracy.csv"));
        assertEquals(1 + 3 * 4, accuracy.size());
        assertTrue(accuracy.contains("quick,m3,d,structured,diverged,0,,,3.0,,"), accuracy.toString());
        assertTrue(accuracy.contains("quick,m1,a,natural,ok,2,95.0,7.0710678118654755,1.0,80.0,100.0"),
                accuracy.toString());

        JsonObject json = JsonParser.parseString(Files.readString(report.resolve("results.json"))).getAsJsonObject();
        assertEquals("quick", json.get("protocol").getAsString());
        JsonObject m1 = json.getAsJsonArray("methods").get(0).getAsJsonObject();
        assertEquals(95.0, m1.getAsJsonObject("tasks").getAsJsonObject("a").get("mean").getAsDouble(), 1e-9);
        assertEquals(1.5, m1.get("averageRank").getAsDouble(), 1e-9);
        assertEquals(0.9, json.getAsJsonObject("similarity").getAsJsonObject("perTask").getAsJsonObject("a")
                .getAsJsonObject("agreement").getAsJsonArray("values").get(0).getAsJsonArray().get(1).getAsDouble(),
                1e-9);
        assertEquals(4, json.getAsJsonArray("ensembles").size());
        assertEquals("[\"m2\"]", json.getAsJsonObject("paretoFronts").get("inference time").toString());
        assertEquals(2000.0, m1.getAsJsonObject("costs").get("mergedImagesPerSecond").getAsDouble(), 1e-9);
        assertEquals(1, json.getAsJsonArray("wise").size());
        JsonObject significance = json.getAsJsonObject("significance");
        assertEquals(11, significance.getAsJsonArray("intervals").size());
        assertEquals(3.8, significance.getAsJsonObject("ranks").getAsJsonObject("friedman").get("chiSquare")
                .getAsDouble(), 1e-9);

        assertEquals(2 * 11, files.stream().filter(f -> f.getParent().getFileName().toString().equals("per-class"))
                .count(), "per-class accuracy and confusion matrix of each ok cell");
        assertEquals("true\\predicted,0,1\n0,10,0\n1,1,9\n",
                Files.readString(report.resolve("per-class").resolve("a--m1-confusion.csv")), "both seeds counted");
        assertEquals("class,examples,correct,accuracy\n0,10,10,100.0000\n1,10,9,90.0000\n",
                Files.readString(report.resolve("per-class").resolve("a--m1-per-class.csv")));
        assertTrue(md.contains("| m1     | 90.00 (class 1) |"), md);

        for (Path png : files.stream().filter(f -> f.toString().endsWith(".png")).toList()) {
            BufferedImage image = ImageIO.read(png.toFile());
            boolean wide = png.getFileName().toString().equals("cd-diagram.png");
            assertTrue(image.getWidth() >= (wide ? 1000 : 700) && image.getHeight() >= (wide ? 200 : 600),
                    png + " is " + image.getWidth() + "x" + image.getHeight());
            long size = Files.size(png);
            assertTrue(size > 10_000 && size < 2_000_000, png + " has " + size + " bytes");
        }
    }

    @Test
    void drawsTheConfusionMatricesOfTheTasksAskedForAndRefusesAnUnknownTask() throws IOException {
        ResultStore store = SyntheticStore.create(dir);
        List<Path> files = ComparisonReport.write(store, 0.9, java.util.Set.of("d"));
        List<String> pngs = files.stream().map(f -> f.getFileName().toString()).filter(n -> n.startsWith("confusion-"))
                .toList();
        assertEquals(List.of("confusion-d--m1.png", "confusion-d--m2.png"), pngs, "m3 diverged on d");
        BufferedImage image = ImageIO.read(store.root().resolve("report").resolve(pngs.get(0)).toFile());
        assertTrue(image.getWidth() >= 700 && image.getHeight() >= 700);
        String md = Files.readString(store.root().resolve("report").resolve("report.md"));
        assertTrue(md.contains("![confusion-d--m1.png](confusion-d--m1.png)"), md);

        ComparisonReport.write(store);
        assertTrue(Files.notExists(store.root().resolve("report").resolve(pngs.get(0))), "a figure not asked for again "
                + "is removed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComparisonReport.write(store, 0.9, java.util.Set.of("e")));
        assertTrue(e.getMessage().startsWith("task 'e' asked for a confusion matrix is not a task of the comparison"),
                e.getMessage());
    }
}
