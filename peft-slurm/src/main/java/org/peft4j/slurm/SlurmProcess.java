package org.peft4j.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs one Slurm client command and returns its standard output. */
final class SlurmProcess {

    private static final long TIMEOUT_SECONDS = 120;

    private SlurmProcess() {}

    /**
     * Runs a command to its end.
     *
     * @param command program and arguments, the program a Slurm client command
     * @return its standard output
     * @throws SlurmException if the program is not on the PATH, fails or hangs
     */
    static String run(List<String> command) {
        String program = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            // error=2: not on the PATH; error=13: a PATH folder this user may not search (e.g. another user's home)
            // held the search up, and the program was not found in the folders that could be searched
            String why = String.valueOf(e.getMessage());
            boolean denied = why.contains("error=13,") && !program.contains("/");
            if (why.contains("error=2,") || denied) {
                throw new SlurmException(program + " not found on PATH" + (denied ? " (or not executable by this user)" : "")
                        + ": --executor slurm needs the Slurm client "
                        + "commands (sbatch, squeue, sacct); install slurm-client or run on a login node");
            }
            throw new SlurmException("cannot run " + program + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, true));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SlurmException(program + " did not answer within " + TIMEOUT_SECONDS
                        + " s; check that slurmctld is reachable (sinfo) and try again");
            }
            if (process.exitValue() != 0) {
                throw new SlurmException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + err.get().strip().replace('\n', ' ') + "; run it by hand on a host where 'sinfo' works");
            }
            return out.get();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlurmException(program + " was interrupted");
        } catch (ExecutionException e) {
            throw new SlurmException("cannot read the output of " + program + ": " + e.getCause().getMessage());
        }
    }

    private static String read(Process process, boolean error) {
        try {
            byte[] bytes = (error ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
