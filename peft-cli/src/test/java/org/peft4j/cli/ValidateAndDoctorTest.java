package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.device.GpuInventory;

/**
 * validate reports every problem of every list at once; doctor describes a CPU-only machine and hints
 * at the CUDA library when a GPU is present.
 */
class ValidateAndDoctorTest {

    @TempDir
    Path dir;

    @Test
    void validateReportsEveryProblemOfEveryListAtOnce() throws IOException {
        Path task = TinyData.task(dir.resolve("data").resolve("tiny"));
        TinyData.png(dir.resolve("data").resolve("outside.png"), 32, 32, 0, 3);
        Files.writeString(task.resolve("images/5.png"), "corrupt");
        TinyData.list(task.resolve("train800.txt"), List.of("images/0.png 0", "images/1.png", "images/2.png 7",
                "../outside.png 1", "images/4.png 0", "images/5.png 1", "images/nothing.png 0"));
        Files.delete(task.resolve("val200.txt"));
        Cli.Result result = Cli.run("validate", task.toString(), "--classes", "2");
        List<String> lines = result.out().lines().toList();
        Path train = task.resolve("train800.txt");
        assertTrue(lines.contains(train + " line 2: expected 2 fields '<path> <label>' separated by whitespace "
                + "(paths must not contain spaces) but found 1 in 'images/1.png'; fix or remove the line"), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(train + " line 3: the label 7 is out of range")), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(train + " line 4: the image path '../outside.png' escapes")),
                result.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(train + " line 6: the image 'images/5.png' cannot be decoded")),
                result.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(train + " line 7: the image 'images/nothing.png' does not exist")),
                result.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(task.resolve("val200.txt") + ": the list file does not exist")),
                result.out());
        // images/5.png is listed in train800 and train800val200, but decoded and reported once
        assertEquals(1, lines.stream().filter(l -> l.contains("the image 'images/5.png' cannot be decoded")).count(),
                result.out());
        assertEquals("peft: error: 6 data problems in " + task + " (listed above); fix the lines, then validate again",
                result.failsWith(1));
    }

    @Test
    void validateAcceptsAGoodFolderOfTasks() {
        TinyData.task(dir.resolve("suite").resolve("a"));
        TinyData.task(dir.resolve("suite").resolve("b"));
        String out = Cli.run("validate", dir.resolve("suite").toString(), "--no-decode").ok();
        assertTrue(out.contains(dir.resolve("suite").resolve("a") + ": 28 images listed in 4 list files, 2 classes, "
                + "no problems"), out);
        assertTrue(out.contains(dir.resolve("suite").resolve("b") + ": 28 images listed"), out);
    }

    @Test
    void doctorDescribesTheEngineAndThePlugins() {
        String out = Cli.run("doctor", "--plugins", dir.resolve("plugins").toString(), "--device", "cpu").ok();
        assertTrue(out.contains("engine        PyTorch 2.7.1"), out);
        assertTrue(out.contains("offline true"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("libtorch      ") && l.contains("flavour cpu")), out);
        assertTrue(out.contains("device        cpu -> cpu()"), out);
        assertTrue(out.contains("methods (0 from plugin JARs), 0 problems"), out);
        assertTrue(out.contains("hint: no plugins folder"), out);
    }

    @Test
    void doctorFailsWhenTheDeviceCannotBeUsed() {
        Cli.Result result = Cli.run("doctor", "--device", "gpu:7");
        assertTrue(result.out().contains("device        gpu:7 -> unusable"), result.out());
        assertTrue(result.failsWith(1).startsWith("peft: error: device 'gpu:7' "), result.err());
    }

    @Test
    void aGpuWithTheCpuLibraryGetsAHint() {
        GpuReport oneGpu = new GpuReport(1, "12040", List.of("gpu:0 79.1 GiB total, 0.5 GiB used"));
        String hint = oneGpu.cpuLibraryHint(new GpuInventory(false, 0)).orElseThrow();
        assertTrue(hint.startsWith("1 GPU(s) present, but the loaded PyTorch library is CPU-only"), hint);
        assertTrue(hint.contains("replace ai.djl.pytorch:pytorch-native-cpu") && hint.contains("pytorch-native-cu*"), hint);
        assertTrue(oneGpu.cpuLibraryHint(new GpuInventory(true, 1)).isEmpty());
        assertTrue(new GpuReport(0, "", List.of()).cpuLibraryHint(new GpuInventory(false, 0)).isEmpty());
        assertEquals("1 (CUDA 12040): gpu:0 79.1 GiB total, 0.5 GiB used", oneGpu.describe());
    }
}
