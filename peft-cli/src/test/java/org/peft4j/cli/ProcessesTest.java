package org.peft4j.cli;

import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.TestMethods;
import org.peft4j.eval.protocol.TinyBenchmark;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.cli.PeftCommand;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/** Real {@code peft compare} processes on one store: sharing without duplicates, kill -9 and resume. */
class ProcessesTest {

    private static ComparisonSpec spec(Path dir, int epochs, int seeds) {
        return TinyBenchmark.alphaComparison(dir, List.of("probe", "bias"), epochs, seeds);
    }

    private static String output(Path log) throws Exception {
        return Files.readString(log);
    }

    @Test
    void twoCompareProcessesOnOneStoreShareTheTrialsAndRunNoneTwice(@TempDir Path dir) throws Exception {
        // 48 epochs: a tuning trial takes seconds even on a quiet machine, so that the trials outlast the
        // start of B's workers (a JVM each); with 12 epochs process A alone finished all ten in 4 s.
        ResultStore store = ResultStore.create(dir.resolve("store"), spec(dir, 48, 2));
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        String plugins = TestMethods.pluginFolder(dir).toString();
        Process a = ChildJvm.start(logA, "compare", "--store", store.root().toString(), "--threads", "1",
                "--plugins", plugins);
        Process b = ChildJvm.start(logB, "compare", "--store", store.root().toString(), "--parallel", "2",
                "--threads", "1", "--plugins", plugins);
        assertTrue(a.waitFor(240, TimeUnit.SECONDS) && b.waitFor(240, TimeUnit.SECONDS), "both finish");
        assertEquals(0, a.exitValue(), output(logA));
        assertEquals(0, b.exitValue(), output(logB));

        List<String> ids = store.trialIds();
        assertEquals(10, ids.size(), "probe 2 + bias 4 grid points, 2 seeds each for the two selections");
        Set<Long> pids = new HashSet<>();
        for (String id : ids) {
            assertEquals(1, store.attempts(id), "trial " + id + " was started once");
            TrialRecord r = store.record(id).orElseThrow();
            assertEquals(1, r.execution().attempt());
            pids.add(r.execution().pid());
        }
        assertTrue(pids.contains(a.pid()) && pids.size() >= 2, "the trials were shared between processes: " + pids);
        assertTrue(!pids.contains(b.pid()), "with --parallel the compare process only watches its workers");
        assertTrue(Files.exists(store.root().resolve("logs").resolve("worker-1.log")));
        String table = PrintedTable.of(store);
        assertTrue(output(logA).contains(table), output(logA));
        assertTrue(output(logB).contains(table), output(logB));
    }

    @Test
    void aKilledComparisonResumesWithoutRepeatingFinishedTrialsAndEndsBitIdentical(@TempDir Path dir) throws Exception {
        ComparisonSpec spec = spec(dir, 4, 1);
        ResultStore killed = ResultStore.create(dir.resolve("killed"), spec);
        ResultStore straight = ResultStore.create(dir.resolve("straight"), spec);
        Path log = dir.resolve("child.log");
        String plugins = TestMethods.pluginFolder(dir).toString();
        Process child = ChildJvm.start(log, "compare", "--store", killed.root().toString(), "--threads", "1",
                "--plugins", plugins);
        String interrupted = null;
        long deadline = System.currentTimeMillis() + 180_000;
        while (child.isAlive() && System.currentTimeMillis() < deadline && interrupted == null) {
            Thread.sleep(10);
            boolean someFinished = false;
            String running = null;
            for (String id : killed.trialIds()) {
                boolean finished = Files.exists(killed.trialDir(id).resolve("record.json"));
                someFinished |= finished;
                if (!finished && Files.exists(killed.checkpointDir(id).resolve("last-epoch.safetensors"))) {
                    running = id;
                }
            }
            interrupted = someFinished ? running : null;
        }
        child.destroyForcibly().waitFor();
        assertTrue(interrupted != null, "killed in the middle of a trial with an epoch checkpoint:\n" + output(log));
        Map<String, byte[]> finishedBefore = new HashMap<>();
        for (String id : killed.trialIds()) {
            Path record = killed.trialDir(id).resolve("record.json");
            if (Files.exists(record)) {
                finishedBefore.put(id, Files.readAllBytes(record));
            }
        }
        assertTrue(!finishedBefore.isEmpty() && !finishedBefore.containsKey(interrupted));

        assertEquals(0, PeftCommand.commandLine().execute("compare", "--store", killed.root().toString(), "--threads", "1",
                "--plugins", plugins));
        assertEquals(0, PeftCommand.commandLine().execute("compare", "--store", straight.root().toString(), "--threads", "1",
                "--plugins", plugins));

        for (String id : killed.trialIds()) {
            TrialRecord resumed = killed.record(id).orElseThrow();
            TrialRecord reference = straight.record(id).orElseThrow();
            if (finishedBefore.containsKey(id)) {
                assertArrayEquals(finishedBefore.get(id), Files.readAllBytes(killed.trialDir(id).resolve("record.json")),
                        "finished trial " + id + " was not run again");
                assertEquals(1, killed.attempts(id));
            } else if (id.equals(interrupted)) {
                assertEquals(2, killed.attempts(id));
                assertTrue(resumed.timing().resumedEpochs() >= 1, "resumed from its epoch checkpoint: " + resumed.timing());
            } else {
                assertEquals(1, killed.attempts(id));
            }
            String role = finishedBefore.containsKey(id) ? "finished by the killed process"
                    : id.equals(interrupted) ? "interrupted, resumed after " + resumed.timing().resumedEpochs() + " epochs"
                    : "run after the kill";
            assertEquals(reference.metrics(), resumed.metrics(), "trial " + id + " (" + role + ") has bit-identical results");
            assertEquals(reference.history(), resumed.history());
            if (reference.predictions() != null) {
                assertArrayEquals(straight.readPredictions(id).probabilities(), killed.readPredictions(id).probabilities());
            }
        }
        assertEquals(straight.trialIds(), killed.trialIds());
        assertEquals(PrintedTable.of(straight), PrintedTable.of(killed));
        assertEquals(Files.readString(straight.root().resolve("results.csv")), Files.readString(killed.root().resolve("results.csv")));
    }
}
