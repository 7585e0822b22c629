package org.peft4j.eval.protocol.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workers ({@code --parallel}) and Slurm jobs start the installation that started the comparison:
 * this JVM's own java executable and class path, made absolute so that a worker started in another
 * folder (or after the clone launcher switched to a new build) still runs the same JARs.
 */
class WorkerCommandTest {

    @Test
    void aWorkerRunsThisJvmsJavaAndClassPath() {
        WorkerCommand command = WorkerCommand.likeThisJvm("org.example.Main", List.of("--x"), 2).withAbsolutePaths();

        assertEquals(ProcessHandle.current().info().command().orElseThrow(), command.java());
        List<String> entries = List.of(command.classPath().split(File.pathSeparator));
        String[] own = System.getProperty("java.class.path").split(File.pathSeparator);
        assertEquals(own.length, entries.size());
        for (int i = 0; i < own.length; i++) {
            assertEquals(Path.of(own[i]).toAbsolutePath().normalize().toString(), entries.get(i));
        }
    }

    @Test
    void relativeEntriesBecomeAbsolute() {
        WorkerCommand relative = new WorkerCommand("bin/java", "lib/a.jar" + File.pathSeparator + "lib/../lib/b.jar",
                List.of("-Xmx1g"), "org.example.Main", List.of("--threads", "1"), Map.of());

        WorkerCommand absolute = relative.withAbsolutePaths();

        Path here = Path.of("").toAbsolutePath();
        assertEquals(here.resolve("bin/java").toString(), absolute.java());
        assertEquals(here.resolve("lib/a.jar") + File.pathSeparator + here.resolve("lib/b.jar"), absolute.classPath());
        List<String> line = absolute.command(Path.of("/store"));
        assertEquals(List.of(absolute.java(), "-Xmx1g", "-cp", absolute.classPath(), "org.example.Main", "trial",
                "--store", "/store", "--worker", "--threads", "1"), line);
        assertTrue(Path.of(line.get(0)).isAbsolute());
    }
}
