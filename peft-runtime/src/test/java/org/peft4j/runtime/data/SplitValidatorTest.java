package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is reported with the list file and line, all at once. */
class SplitValidatorTest {

    @TempDir
    Path dir;

    private Path task;

    @BeforeEach
    void task() {
        task = TestImages.vtabTask(dir.resolve("task"), 4, 2, 2, 3);
    }

    /** Problems of train800.txt with the given content, declared 3 classes, decoding images. */
    private List<DataProblem> problems(String list) {
        TestImages.writeText(task.resolve("train800.txt"), list);
        return SplitValidator.validate(VtabDataset.open(task, 3).split("train800"), true, 2);
    }

    private static DataProblem only(List<DataProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private void assertProblem(String list, int line, String expected) {
        DataProblem p = only(problems(list));
        assertEquals(task.resolve("train800.txt"), p.source());
        assertEquals(line, p.line());
        assertTrue(p.message().contains(expected), p.toString());
        assertTrue(p.toString().startsWith(task.resolve("train800.txt") + " line " + line + ": "), p.toString());
    }

    @Test
    void missingImage() {
        assertProblem("images/0.png 0\nimages/nope.png 1\n", 2, "does not exist");
    }

    @Test
    void undecodableImage() throws Exception {
        Files.write(task.resolve("images/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertProblem("images/0.png 0\nimages/1.png 1\nimages/broken.png 2\n", 3, "cannot be decoded");
        // structure alone does not decode
        TestImages.writeText(task.resolve("train800.txt"), "images/broken.png 2\n");
        assertTrue(SplitValidator.checkStructure(VtabDataset.open(task, 3).split("train800")).isEmpty());
    }

    @Test
    void emptySplit() {
        DataProblem p = only(problems("\n\n"));
        assertEquals(0, p.line());
        assertTrue(p.message().contains("has no images"), p.toString());
    }

    @Test
    void labelNotAnInteger() {
        assertProblem("images/0.png 0\nimages/1.png cat\n", 2, "'cat' is not an integer");
        assertProblem("images/0.png 1.0\n", 1, "'1.0' is not an integer");
    }

    @Test
    void labelOutOfRangeOrNegative() {
        assertProblem("images/0.png 0\nimages/1.png 3\n", 2, "the label 3 is out of range for 3 classes");
        assertProblem("images/0.png -1\n", 1, "the label -1 is out of range");
    }

    @Test
    void duplicateLines() {
        assertProblem("images/0.png 0\nimages/1.png 1\nimages/0.png 0\n", 3, "listed again (first at line 1)");
        assertProblem("images/0.png 0\n./images/0.png 2\n", 2, "with label 2 instead of 0");
    }

    @Test
    void wrongNumberOfFields() {
        assertProblem("images/0.png 0\nimages/my image.png 1\n", 2, "expected 2 fields");
        assertProblem("images/0.png\n", 1, "found 1");
    }

    @Test
    void pathsEscapingTheRoot() throws Exception {
        TestImages.write(TestImages.rgb(5, 5, 1), dir.resolve("outside.png"));
        assertProblem("../outside.png 0\n", 1, "escapes the data set root");
        assertProblem("images/../../outside.png 0\n", 1, "escapes the data set root");
        assertProblem(dir.resolve("outside.png").toAbsolutePath() + " 0\n", 1, "is absolute");
        Files.createSymbolicLink(task.resolve("images/link.png"), dir.resolve("outside.png").toAbsolutePath());
        assertProblem("images/link.png 0\n", 1, "symbolic link resolving to");
        // a link that stays inside the root is fine
        Files.createSymbolicLink(task.resolve("images/inner.png"), task.resolve("images/0.png").toAbsolutePath());
        assertTrue(problems("images/inner.png 0\n").isEmpty());
    }

    @Test
    void aLinkFollowedByDotDotIsCheckedWhereItReallyLeads() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside/sub"));
        TestImages.write(TestImages.rgb(8, 8, 9), outside.resolveSibling("x.png"));
        TestImages.write(TestImages.rgb(8, 8, 1), task.resolve("images/x.png"));
        Files.createSymbolicLink(task.resolve("images/link"), outside.toAbsolutePath());
        assertProblem("images/link/../x.png 0\n", 1, "goes through a symbolic link resolving to "
                + outside.resolveSibling("x.png").toRealPath() + ", outside the data set root");
        assertTrue(problems("images/x.png 0\n").isEmpty());
    }

    @Test
    void aHugeLabelIsAProblemOfItsLineNotAHugeHead() {
        assertProblem("images/0.png 0\nimages/1.png 50000000\n", 2, "the label 50000000 is above the limit of "
                + "100000 classes (data.max_classes); fix the label, or raise data.max_classes");
        assertEquals(3, VtabDataset.open(task).numClasses(), "the huge label does not size the derived class count");
        assertProblem("images/0.png 0\nimages/1.png 99999999999999999999\n", 2, "is not an integer");
        DataLimits before = DataLimits.install(new DataLimits(1 << 20, 2));
        try {
            assertProblem("images/0.png 0\nimages/1.png 2\n", 2, "the label 2 is above the limit of 2 classes");
        } finally {
            DataLimits.install(before);
        }
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertTrue(problems("\uFEFFimages/0.png 0\nimages/1.png 1\n").isEmpty());
        Path csv = TestImages.writeText(task.resolve("train.csv"), "\uFEFFpath,label\nimages/0.png,1\n");
        DataSplit split = CsvDataset.read(csv, task, 3);
        assertEquals(List.of(new Sample("images/0.png", 1, 2)), split.samples());
        assertTrue(SplitValidator.validate(split, true, 1).isEmpty());
    }

    @Test
    void missingListFile() throws Exception {
        Files.delete(task.resolve("val200.txt"));
        DataProblem p = only(SplitValidator.checkStructure(VtabDataset.open(task).split("val200")));
        assertTrue(p.message().contains("list file does not exist"), p.toString());
    }

    @Test
    void everyProblemIsCollectedInLineOrderAndTheExceptionShowsTheFirstFew() throws Exception {
        Files.write(task.resolve("images/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
        String list = "images/0.png 0\n"
                + "images/x.png 1\n"          // 2 missing
                + "images/1.png one\n"        // 3 not an integer
                + "images/2.jpg 9\n"          // 4 out of range
                + "images/0.png 0\n"          // 5 duplicate
                + "a b c\n"                   // 6 fields
                + "../escape.png 1\n"         // 7 escapes
                + "images/broken.jpg 1\n";    // 8 undecodable
        List<DataProblem> all = problems(list);
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), all.stream().map(DataProblem::line).toList());
        DataValidationException e = assertThrows(DataValidationException.class, () -> SplitValidator.requireNone(all));
        assertEquals(7, e.problems().size());
        assertTrue(e.getMessage().startsWith("7 data problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("train800.txt line 2: the image 'images/x.png' does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("... and 2 more"), e.getMessage());
    }
}
