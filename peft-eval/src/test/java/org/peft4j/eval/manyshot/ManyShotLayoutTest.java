package org.peft4j.eval.manyshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.BenchmarkTask;
import org.peft4j.eval.protocol.TaskCatalog;
import org.peft4j.eval.protocol.TaskSpec;

/** A many-shot image folder written as a task folder the tuning protocol reads. */
class ManyShotLayoutTest {

    @TempDir
    Path dir;

    @Test
    void imageFolderBecomesProtocolLists() throws IOException {
        Path data = dir.resolve("shapes");
        for (String cls : List.of("circle", "square", "star")) {
            for (int i = 0; i < 10; i++) {
                touch(data.resolve("train").resolve(cls).resolve(i + ".png"));
            }
            for (int i = 0; i < 3; i++) {
                touch(data.resolve("test").resolve(cls).resolve(i + ".png"));
            }
        }
        ManyShotLayout.Source source = ManyShotLayout.open(data);
        assertEquals("shapes", source.name());
        Path task = dir.resolve("out").resolve("shapes");
        ManyShotLayout.write(source, PerClass.parse("6", "x"), PerClass.parse("2", "x"), 42, task);

        List<String> trainval = Files.readAllLines(task.resolve("train800val200.txt"));
        List<String> train = Files.readAllLines(task.resolve("train800.txt"));
        List<String> val = Files.readAllLines(task.resolve("val200.txt"));
        List<String> test = Files.readAllLines(task.resolve("test.txt"));
        assertEquals(18, trainval.size());
        assertEquals(12, train.size());
        assertEquals(6, val.size());
        assertEquals(9, test.size());
        HashSet<String> union = new HashSet<>(train);
        union.addAll(val);
        assertEquals(new HashSet<>(trainval), union);
        assertTrue(trainval.stream().noneMatch(l -> l.contains("/test/")), "nothing comes from the test split");
        for (String line : trainval) {
            String[] f = line.split(" ");
            assertTrue(Files.isRegularFile(task.resolve(f[0])), f[0] + " resolves against the task folder");
        }
        assertEquals("images/test/circle/0.png 0", test.get(0));
        assertTrue(Files.isSameFile(data.resolve("test/circle/0.png"), task.resolve("images/test/circle/0.png")),
                "images are hard links to the originals");
        ManyShotLayout.write(source, PerClass.parse("6", "x"), PerClass.parse("2", "x"), 42, task);
        assertEquals(trainval, Files.readAllLines(task.resolve("train800val200.txt")), "writing again changes nothing");

        TaskSpec spec = TaskCatalog.resolve(task.getParent(), new BenchmarkTask("shapes", "other"));
        assertEquals(3, spec.numClasses());
    }

    @Test
    void aFolderWithoutSplitsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManyShotLayout.open(dir));
        assertTrue(e.getMessage().contains("is not a many-shot data set"), e.getMessage());
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }
}
