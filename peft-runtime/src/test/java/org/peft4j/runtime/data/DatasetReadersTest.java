package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three layouts: VTAB-1K task folders, image folders and CSV lists. */
class DatasetReadersTest {

    @TempDir
    Path dir;

    @Test
    void vtabTaskFolderReadsEverySplitAndDerivesTheClassCount() throws Exception {
        Path task = TestImages.vtabTask(dir.resolve("mytask"), 8, 3, 5, 4);
        VtabDataset data = VtabDataset.open(task);
        assertEquals(4, data.numClasses());
        DataSplit train = data.split("train800");
        assertEquals(8, train.size());
        assertEquals(3, data.split("val200").size());
        assertEquals(11, data.split("train800val200").size());
        assertEquals(5, data.split("test").size());
        Sample first = train.samples().get(0);
        assertEquals("images/0.png", first.path());
        assertEquals(0, first.label());
        assertEquals(1, first.line());
        assertEquals(task.resolve("images/0.png"), train.resolve(first));
        assertEquals(ContentHash.sha256(Files.readAllBytes(task.resolve("train800.txt"))), train.contentHash());
        assertEquals(4, train.numClasses());
        assertTrue(SplitValidator.validate(train, true, 2).isEmpty());
    }

    @Test
    void vtabClassCountCoversTestLabelsAndCanBeDeclared() {
        Path task = TestImages.vtabTask(dir.resolve("t"), 4, 2, 3, 2);
        TestImages.writeText(task.resolve("test.txt"), "images/6.png 6\n");
        assertEquals(7, VtabDataset.open(task).numClasses());
        VtabDataset declared = VtabDataset.open(task, 10);
        assertEquals(10, declared.split("train800").numClasses());
        assertEquals(47, VtabDataset.knownClassCount("dtd").orElseThrow());
    }

    @Test
    void oneVtabSplitIsReadWithoutOpeningTheOtherLists() throws Exception {
        Path task = TestImages.vtabTask(dir.resolve("t"), 4, 2, 3, 2);
        Files.delete(task.resolve("test.txt"));
        Files.createDirectory(task.resolve("test.txt"));
        DataSplit val = VtabDataset.readSplit(task, "val200", 5);
        assertEquals(2, val.size());
        assertEquals(5, val.numClasses());
        assertTrue(val.readProblems().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> VtabDataset.readSplit(task, "train", 5));
    }

    @Test
    void vtabListsToleratesBlankLinesTabsAndCrLf() {
        Path task = TestImages.vtabTask(dir.resolve("t"), 3, 1, 1, 2);
        TestImages.writeText(task.resolve("train800.txt"), "images/0.png\t0\r\n\r\n  images/1.png   1  \r\n");
        DataSplit split = VtabDataset.open(task).split("train800");
        assertEquals(List.of(new Sample("images/0.png", 0, 1), new Sample("images/1.png", 1, 3)), split.samples());
        assertTrue(split.readProblems().isEmpty());
    }

    @Test
    void vtabRejectsAMissingFolderAndAnUnknownSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VtabDataset.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("train800.txt"), e.getMessage());
        Path task = TestImages.vtabTask(dir.resolve("t"), 2, 1, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> VtabDataset.open(task).split("train"));
    }

    @Test
    void imageFolderSortsClassesAndLabelsEverySplitAlike() {
        TestImages.write(TestImages.rgb(10, 10, 1), dir.resolve("train/zebra/a.png"));
        TestImages.write(TestImages.rgb(10, 10, 2), dir.resolve("train/ant/b.jpg"));
        TestImages.write(TestImages.gray(10, 10), dir.resolve("train/ant/a.png"));
        TestImages.write(TestImages.rgba(10, 10), dir.resolve("train/mole/sub/c.PNG"));
        TestImages.writeText(dir.resolve("train/mole/notes.txt"), "ignored");
        TestImages.write(TestImages.rgb(10, 10, 3), dir.resolve("val/zebra/z.png"));
        ImageFolderDataset data = ImageFolderDataset.open(dir);
        assertEquals(List.of("ant", "mole", "zebra"), data.classes());
        DataSplit train = data.split("train");
        assertEquals(List.of(new Sample("train/ant/a.png", 0, 0), new Sample("train/ant/b.jpg", 0, 0),
                new Sample("train/mole/sub/c.PNG", 1, 0), new Sample("train/zebra/a.png", 2, 0)), train.samples());
        DataSplit val = data.split("val");
        assertEquals(List.of(new Sample("val/zebra/z.png", 2, 0)), val.samples());
        assertEquals(3, val.numClasses());
        assertTrue(SplitValidator.validate(train, true, 1).isEmpty());
        assertNotEquals(train.contentHash(), val.contentHash());
        DataSplit missing = data.split("test");
        assertEquals(1, SplitValidator.checkStructure(missing).size());
    }

    @Test
    void csvReadsAHeaderAndResolvesAgainstItsFolder() {
        TestImages.write(TestImages.rgb(8, 8, 1), dir.resolve("img/a.png"));
        TestImages.write(TestImages.rgb(8, 8, 2), dir.resolve("img/b.jpg"));
        Path csv = TestImages.writeText(dir.resolve("train.csv"), "path,label\nimg/a.png,2\nimg/b.jpg , 0\n");
        DataSplit split = CsvDataset.read(csv);
        assertEquals("train", split.name());
        assertEquals(List.of(new Sample("img/a.png", 2, 2), new Sample("img/b.jpg", 0, 3)), split.samples());
        assertEquals(3, split.numClasses());
        assertTrue(SplitValidator.validate(split, true, 1).isEmpty());
        assertEquals(5, CsvDataset.read(csv, dir, 5).numClasses());
    }
}
