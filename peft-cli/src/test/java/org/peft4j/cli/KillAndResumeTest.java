package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;

/**
 * A training run killed with SIGKILL in a child JVM after its first epoch checkpoint, then started
 * again with the same command, ends with exactly the tensors of an uninterrupted run.
 */
class KillAndResumeTest {

    private static List<String> trainArgs(Path task, Path out) {
        return List.of("train", "--data", task.toString(), "--model", "vit-tiny", "--method", "lora", "--set", "rank=4",
                "--train-split", "train800", "--eval-split", "val200", "--epochs", "6", "--batch", "4", "--lr", "1e-2",
                "--seed", "5", "--threads", "2", "-q", "--output", out.toString());
    }

    @Test
    void killedRunResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Path task = TinyData.task(dir.resolve("task"));
        Path killed = dir.resolve("killed");
        Process child = childJvm(trainArgs(task, killed), dir.resolve("child.log"));
        Path checkpoint = killed.resolve("checkpoint").resolve("last-epoch.safetensors");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor();
        assertFalse(Files.exists(killed.resolve("summary.json")), "the killed run did not finish");

        Cli.run(trainArgs(task, killed).toArray(String[]::new)).ok();
        Path straight = dir.resolve("straight");
        Cli.run(trainArgs(task, straight).toArray(String[]::new)).ok();

        TensorArchive resumed = SafetensorsFile.read(killed.resolve("adapter.safetensors"));
        TensorArchive uninterrupted = SafetensorsFile.read(straight.resolve("adapter.safetensors"));
        assertEquals(uninterrupted.tensors().keySet(), resumed.tensors().keySet());
        for (String name : uninterrupted.tensors().keySet()) {
            assertArrayEquals(bytes(uninterrupted.get(name)), bytes(resumed.get(name)), name + " differs after resume");
        }
    }

    private static byte[] bytes(RawTensor t) {
        byte[] b = new byte[t.data().remaining()];
        t.data().duplicate().get(b);
        return b;
    }

    private static Process childJvm(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx1g");
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=2");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PeftCommand.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
