package org.peft4j.eval.protocol.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ResultStore;

/**
 * Runs the trials in N local worker processes ({@code peft trial --store DIR --worker}), each
 * claiming trials until none is left. Each worker's output goes to {@code logs/worker-<i>.log} in
 * the store; this process reports progress until all workers have exited. Workers are stopped
 * when this process is shut down.
 */
public final class ProcessExecutor implements TrialExecutor {

    private static final Logger LOG = LogManager.getLogger(ProcessExecutor.class);

    /** Free space under which a stop is blamed on a full file system. */
    private static final long LOW_SPACE = 64L << 20;

    private final int workers;
    private final WorkerCommand command;
    private final Duration poll;

    /**
     * Creates the executor.
     *
     * @param workers number of worker processes, at least 1
     * @param command how to start one
     * @param poll how often to report progress
     */
    public ProcessExecutor(int workers, WorkerCommand command, Duration poll) {
        if (workers < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + workers);
        }
        this.workers = workers;
        this.command = command;
        this.poll = poll;
    }

    @Override
    public void execute(ResultStore store) throws InterruptedException {
        Path logs = store.root().resolve("logs");
        List<Process> processes = new ArrayList<>();
        Thread stopper = new Thread(() -> processes.forEach(Process::destroy), "peft4j-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            Files.createDirectories(logs);
            for (int i = 0; i < workers; i++) {
                Path log = logs.resolve("worker-" + i + ".log");
                ProcessBuilder builder = new ProcessBuilder(command.command(store.root())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().putAll(command.environment());
                processes.add(builder.start());
                LOG.info("worker {} started (pid {}), log {}", i, processes.get(i).pid(), log);
            }
            ComparisonState state = new ComparisonState(store);
            int reported = -1;
            while (processes.stream().anyMatch(Process::isAlive)) {
                Thread.sleep(poll.toMillis());
                int done = TrialProgress.of(state.refresh(), store.spec().seeds()).done();
                if (done != reported) {
                    LOG.info("{} trials finished", done);
                    reported = done;
                }
            }
            for (int i = 0; i < processes.size(); i++) {
                int code = processes.get(i).exitValue();
                if (code != 0) {
                    LOG.warn("worker {} exited with code {}; see {}", i, code, logs.resolve("worker-" + i + ".log"));
                }
            }
            if (!state.refresh().stream().allMatch(GroupState::complete)) {
                throw new IllegalStateException("the workers stopped before the comparison was complete"
                        + fullDisk(store.root()) + "; see the logs in " + logs + " and run the same command again to resume");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        } finally {
            processes.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /**
     * Why the workers may have stopped when the store's file system is (nearly) full, else "" (their
     * logs, on the same file system, may then hold no word of it).
     */
    static String fullDisk(Path root) {
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            return free < LOW_SPACE ? ": the file system of " + root + " is full (" + free / 1024 + " KiB free); free some "
                    + "space" : "";
        } catch (IOException e) {
            return "";
        }
    }
}
