package org.peft4j.cli;

import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.TestMethods;
import org.peft4j.eval.protocol.TinyBenchmark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.cli.PeftCommand;
import org.peft4j.slurm.JobEntry;
import org.peft4j.slurm.JobsFile;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * {@code peft compare --executor slurm} on a single-node Slurm cluster started on this machine
 * (skipped where it cannot start): a trial's job is cancelled while it runs, it is resubmitted and
 * resumes from its epoch checkpoint, and the result table equals that of an in-process run.
 */
class SlurmComparisonTest {

    @Test
    void aSlurmComparisonSurvivesACancelledJobAndEqualsTheInProcessRun(@TempDir Path dir) throws Exception {
        try (LocalSlurm slurm = LocalSlurm.startOrSkip()) {
            // 16 epochs: a trial lasts long enough to be cancelled after its first epoch checkpoint
            ComparisonSpec spec = TinyBenchmark.alphaComparison(dir, List.of("probe", "bias"), 16, 1);
            ResultStore onSlurm = ResultStore.create(dir.resolve("slurm"), spec);
            ResultStore inProcess = ResultStore.create(dir.resolve("in-process"), spec);
            String plugins = TestMethods.pluginFolder(dir).toString();
            Path log = dir.resolve("compare.log");
            Process compare = ChildJvm.start(log, slurm.environment(), "compare", "--store", onSlurm.root().toString(),
                    "--executor", "slurm", "--threads", "1", "--plugins", plugins, "-Dslurm.poll_seconds=1");

            Optional<JobEntry> cancelled = Optional.empty();
            long deadline = System.currentTimeMillis() + 180_000;
            while (cancelled.isEmpty() && compare.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                cancelled = runningWithCheckpoint(onSlurm);
            }
            assertTrue(cancelled.isPresent(), "a running trial was found to cancel:\n" + Files.readString(log));
            slurm.run("scancel", cancelled.get().jobId());
            assertTrue(compare.waitFor(240, TimeUnit.SECONDS), "the comparison finishes:\n" + Files.readString(log));
            String out = Files.readString(log);
            assertEquals(0, compare.exitValue(), out);

            String id = cancelled.get().trialId();
            assertTrue(out.contains("slurm: trial " + id + ": job " + cancelled.get().jobId()
                    + " ended without a record"), out);
            List<JobEntry> jobs = new JobsFile(onSlurm.root()).read();
            assertEquals(List.of(1, 2), jobs.stream().filter(j -> j.trialId().equals(id)).map(JobEntry::attempt).toList());
            assertEquals(onSlurm.trialIds().size() + 1, jobs.size(), "one job per trial, one resubmission");
            TrialRecord resumed = onSlurm.record(id).orElseThrow();
            assertTrue(resumed.timing().resumedEpochs() >= 1, "resumed from its epoch checkpoint: " + resumed.timing());
            assertTrue(Files.isRegularFile(onSlurm.root().resolve("slurm/array-1.sbatch")));
            Path statusLog = dir.resolve("status.log");
            Process status = ChildJvm.start(statusLog, slurm.environment(), "status", "--store", onSlurm.root().toString());
            assertTrue(status.waitFor(60, TimeUnit.SECONDS) && status.exitValue() == 0, Files.readString(statusLog));
            String shown = Files.readString(statusLog);
            assertTrue(shown.contains("total: 8 of 8 trials have a record (8 ok, 0 failed, 0 diverged), 0 pending; complete\n"
                    + "slurm: 0 live job(s), 1 resubmission(s) so far\n"), shown);

            assertEquals(0, PeftCommand.commandLine().execute("compare", "--store", inProcess.root().toString(),
                    "--threads", "1", "--plugins", plugins));
            assertEquals(inProcess.trialIds(), onSlurm.trialIds());
            assertEquals(PrintedTable.of(inProcess), PrintedTable.of(onSlurm));
            String table = PrintedTable.of(onSlurm);
            assertTrue(out.contains(table), "the comparison printed its table:\n" + table + "\n--- in its output:\n" + out);
        }
    }

    /** The latest job of a trial that has written an epoch checkpoint and no record yet. */
    private static Optional<JobEntry> runningWithCheckpoint(ResultStore store) {
        List<JobEntry> jobs = new JobsFile(store.root()).read();
        return jobs.stream().filter(j -> j.attempt() == 1)
                .filter(j -> Files.exists(store.checkpointDir(j.trialId()).resolve("last-epoch.safetensors"))
                        && !Files.exists(store.trialDir(j.trialId()).resolve(ResultStore.RECORD)))
                .findFirst();
    }
}
