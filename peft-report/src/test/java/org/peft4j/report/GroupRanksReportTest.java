package org.peft4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.stats.GroupRanks;
import org.peft4j.eval.stats.SignificanceReport;

/**
 * Rank statistics per task group: natural ranks m1 first, specialized ranks m3 first, structured
 * ranks m1 and m2 (m3 diverged on d, see {@link SyntheticStore}), and extra has one task, so no
 * statistics.
 */
class GroupRanksReportTest {

    /**
     * Seed 0 correct examples (of 10; seed 1 gets one more, so a mean accuracy is 10 · k + 5).
     * natural: m1 best everywhere; specialized: m3 best everywhere, m1 and m2 tied on s1.
     */
    private static final Map<String, Map<String, Integer>> CORRECT = Map.of(
            "m1", Map.of("n1", 9, "n2", 9, "n3", 8, "s1", 8, "s2", 7, "s3", 6, "d", 6, "t1", 5, "o1", 5),
            "m2", Map.of("n1", 8, "n2", 7, "n3", 7, "s1", 8, "s2", 6, "s3", 7, "d", 5, "t1", 5, "o1", 5),
            "m3", Map.of("n1", 7, "n2", 8, "n3", 6, "s1", 9, "s2", 9, "s3", 8, "d", 0, "t1", 5, "o1", 5));

    /*
     * SciPy 1.14.1 (/work/stats-venv), one argument per method, its mean accuracies over the group's tasks:
     *   friedmanchisquare([95, 95, 85], [85, 75, 75], [75, 85, 65])
     *     -> statistic 4.666666666666664, pvalue 0.09697196786440515
     *   friedmanchisquare([85, 75, 65], [85, 65, 75], [95, 95, 85])
     *     -> statistic 4.909090909090909, pvalue 0.0859022330378763
     * By hand: natural rank sums 3, 7, 8: 12 / (3·3·4) · (9 + 49 + 64) − 3·3·4 = 14/3; specialized rank sums
     * 7.5, 7.5, 3: 4.5, divided by the tie correction 1 − (2³ − 2) / (3·3·(3² − 1)) = 11/12. Iman–Davenport
 * F = (N − 1) χ² / (N (k − 1) − χ²): 2 · (14/3) / (6 − 14/3) = 7 and 2 · (54/11) / (6 − 54/11) = 9.
     */
    private static final double NATURAL_CHI2 = 4.666666666666664;
    private static final double NATURAL_P = 0.09697196786440515;
    private static final double SPECIALIZED_CHI2 = 4.909090909090909;
    private static final double SPECIALIZED_P = 0.0859022330378763;

    @TempDir
    Path dir;

    @Test
    void ranksEachGroupOnItsOwnTasksAndDrawsItsDiagram() throws IOException {
        List<TaskSpec> tasks = List.of(new TaskSpec("n1", "natural", 2), new TaskSpec("s1", "specialized", 2),
                new TaskSpec("n2", "natural", 2), new TaskSpec("s2", "specialized", 2),
                new TaskSpec("n3", "natural", 2), new TaskSpec("s3", "specialized", 2),
                new TaskSpec("o1", "extra", 2), new TaskSpec("d", "structured", 2),
                new TaskSpec("t1", "structured", 2));
        ResultStore store = SyntheticStore.create(dir, SyntheticStore.spec(tasks), CORRECT);

        SignificanceReport s = SignificanceReport.of(ComparisonResults.read(store), store::readPredictions);
        GroupRanks natural = s.group("natural").orElseThrow();
        GroupRanks specialized = s.group("specialized").orElseThrow();
        assertEquals(List.of("n1", "n2", "n3"), natural.tasks());
        assertEquals(NATURAL_CHI2, natural.ranks().friedman().chiSquare(), 1e-12);
        assertEquals(NATURAL_P, natural.ranks().friedman().p(), 1e-12);
        assertArrayEquals(new double[] {1, 7 / 3.0, 8 / 3.0}, natural.ranks().friedman().averageRanks(), 1e-12);
        assertEquals(SPECIALIZED_CHI2, specialized.ranks().friedman().chiSquare(), 1e-12);
        assertEquals(SPECIALIZED_P, specialized.ranks().friedman().p(), 1e-12);
        assertArrayEquals(new double[] {2.5, 2.5, 1}, specialized.ranks().friedman().averageRanks(), 1e-12);
        GroupRanks structured = s.group("structured").orElseThrow();
        assertEquals(List.of("m3"), structured.leftOut());
        assertEquals(List.of("m1", "m2"), structured.ranks().methods());
        assertEquals(List.of("d", "t1"), structured.ranks().tasks());
        GroupRanks extra = s.group("extra").orElseThrow();
        assertNull(extra.ranks());
        assertEquals("it has one task; the Friedman test needs two or more", extra.none());

        List<Path> files = ComparisonReport.write(store);
        Path report = store.root().resolve(ComparisonReport.FOLDER);
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        for (String png : List.of("cd-diagram-natural.png", "cd-diagram-specialized.png",
                "cd-diagram-structured.png")) {
            assertTrue(names.contains(png), names.toString());
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 200, png);
        }
        assertFalse(Files.exists(report.resolve("cd-diagram-extra.png")));

        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("#### natural (n1, n2, n3) [quick protocol]\n\nFriedman test over 3 tasks and 3 "
                + "methods: χ²(2) = 4.667, p = 0.0970; Iman–Davenport F(2, 4) = 7.000"), md);
        assertTrue(md.contains("#### specialized (s1, s2, s3) [quick protocol]\n\nFriedman test over 3 tasks and 3 "
                + "methods: χ²(2) = 4.909, p = 0.0859; Iman–Davenport F(2, 4) = 9.000"), md);
        assertTrue(md.contains("![critical difference, natural](cd-diagram-natural.png)"), md);
        assertTrue(md.contains("![critical difference, specialized](cd-diagram-specialized.png)"), md);
        assertTrue(md.contains("\nLeft out (no accuracy on some task of the group): m3.\n"), md);
        assertTrue(md.contains("#### extra (o1) [quick protocol]\n\nNo rank statistics for this group: it has "
                + "one task; the Friedman test needs two or more.\n"), md);
        assertTrue(md.indexOf("#### natural") < md.indexOf("#### specialized")
                && md.indexOf("#### specialized") < md.indexOf("#### structured")
                && md.indexOf("#### structured") < md.indexOf("#### extra"), "VTAB groups first, in their order");

        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"), "figures inlined");
        assertFalse(html.contains("src=\"cd-diagram-natural.png\""), "figure inlined, not linked");

        JsonObject json = JsonParser.parseString(Files.readString(report.resolve("results.json"))).getAsJsonObject();
        JsonArray groups = json.getAsJsonObject("significance").getAsJsonArray("groups");
        assertEquals(4, groups.size(), "in the order the groups first appear");
        JsonObject first = groups.get(0).getAsJsonObject();
        assertEquals("natural", first.get("group").getAsString());
        assertEquals(NATURAL_CHI2, first.getAsJsonObject("ranks").getAsJsonObject("friedman").get("chiSquare")
                .getAsDouble(), 1e-12);
        assertEquals("extra", groups.get(2).getAsJsonObject().get("group").getAsString());
        assertEquals("it has one task; the Friedman test needs two or more",
                groups.get(2).getAsJsonObject().get("none").getAsString());
        assertEquals("m3", groups.get(3).getAsJsonObject().getAsJsonArray("leftOut").get(0).getAsString());
    }

    @Test
    void leavesOutAMethodWithoutAnAccuracyInTheGroup() throws IOException {
        // the default store: m3 diverged on d, the only structured task; natural (a, b) ranks all three
        ResultStore store = SyntheticStore.create(dir);
        SignificanceReport s = SignificanceReport.of(ComparisonResults.read(store), store::readPredictions);
        assertEquals(List.of("m1", "m2", "m3"), s.group("natural").orElseThrow().ranks().methods());
        GroupRanks structured = s.group("structured").orElseThrow();
        assertEquals(List.of("m3"), structured.leftOut());
        assertNull(structured.ranks());
    }
}
