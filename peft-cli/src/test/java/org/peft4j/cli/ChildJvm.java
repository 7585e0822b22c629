package org.peft4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    /**
     * Kills a child and every process it started with SIGKILL, then also any process whose
     * arguments contain {@code marker} (a worker started between the look at the tree and the kill
     * would survive as an orphan), and waits until all of them are gone.
     *
     * @param child the child
     * @param marker a string in the arguments of every process of the tree, e.g. the store folder
     * @return how many processes were killed
     */
    static int killTree(Process child, String marker) {
        List<ProcessHandle> tree = new ArrayList<>(child.descendants().toList());
        tree.add(0, child.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.allProcesses().filter(p -> !tree.contains(p) && p.info().arguments()
                .map(a -> String.join(" ", a).contains(marker)).orElse(false)).forEach(p -> {
                    p.destroyForcibly();
                    tree.add(p);
                });
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " survived SIGKILL", e);
            }
        }
        return tree.size();
    }
}
