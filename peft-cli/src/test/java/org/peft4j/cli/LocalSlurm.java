package org.peft4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A single-node Slurm cluster on this machine, started by {@code peft-slurm/src/test/sh/slurm-local.sh} and
 * stopped on {@link #close()}. Where it cannot start, the calling test is skipped with the
 * script's output as the reason.
 */
final class LocalSlurm implements AutoCloseable {

    private static final String MARK = "SLURM_CONF=";

    private final Process process;
    private final String slurmConf;

    private LocalSlurm(Process process, String slurmConf) {
        this.process = process;
        this.slurmConf = slurmConf;
    }

    /**
     * Starts the cluster (installing Slurm first when it is missing and this is root), or skips
     * the test.
     *
     * @return the running cluster
     * @throws IOException if the script cannot be started
     */
    static LocalSlurm startOrSkip() throws IOException {
        Path script = repositoryRoot().resolve("peft-slurm/src/test/sh/slurm-local.sh");
        Process process = new ProcessBuilder(List.of("bash", script.toString(), "sh", "-c",
                "echo " + MARK + "$SLURM_CONF; cat >/dev/null")).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith(MARK)) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "slurm-local-output");
                drain.setDaemon(true);
                drain.start();
                return new LocalSlurm(process, line.substring(MARK.length()));
            }
            output.append(line).append('\n');
        }
        Assumptions.abort("no local Slurm cluster (" + script + " exited with " + waitFor(process) + "):\n" + output);
        throw new IllegalStateException("unreachable");
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("peft-slurm/src/test/sh/slurm-local.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("peft-slurm/src/test/sh/slurm-local.sh not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The environment that points Slurm commands at this cluster.
     *
     * @return {@code SLURM_CONF}
     */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", slurmConf);
    }

    /**
     * Runs a Slurm command against this cluster.
     *
     * @param command the command
     * @return its output
     * @throws Exception if it fails
     */
    String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Stops the daemons: closing the script's input ends its command, and its trap stops them. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        if (waitFor(process) < 0) {
            process.destroy();
        }
    }
}
