package org.peft4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code peft} in a child JVM with this test JVM's class path (test methods included). */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * Starts a child.
     *
     * @param log where its output goes
     * @param args the peft arguments
     * @return the process
     */
    static Process start(Path log, String... args) {
        return start(log, Map.of(), args);
    }

    /**
     * Starts a child with further environment variables.
     *
     * @param log where its output goes
     * @param environment variables added to this process's environment
     * @param args the peft arguments
     * @return the process
     */
    static Process start(Path log, Map<String, String> environment, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1", "-Dlog4j2.level=INFO",
                "-cp", System.getProperty("java.class.path"), "org.peft4j.cli.PeftCommand"));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
