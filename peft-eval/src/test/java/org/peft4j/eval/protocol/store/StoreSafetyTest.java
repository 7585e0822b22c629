package org.peft4j.eval.protocol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.Json;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.RecipeSpec;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.runtime.data.Normalization;

/** The store under concurrent creators, lost claims, reboots and interrupted writes. */
class StoreSafetyTest {

    private static ComparisonSpec spec(String method) {
        return new ComparisonSpec(ComparisonSpec.FORMAT, "race", ProtocolKind.QUICK, TinyBenchmark.MODEL, null,
                "/data", Normalization.NONE, List.of(new TaskSpec("t", "natural", 2)),
                List.of(new MethodSpec(method, "1.0", "1.0", List.of(Map.of()))), List.of(1e-3), List.of(1e-4),
                new RecipeSpec(1, 8, 8, 0, 1e-6, 1e-5, 0f), 42, 1, false);
    }

    @Test
    void ofTwoProcessesCreatingOneStoreWithDifferentSpecsExactlyOneWins(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                Path root = dir.resolve("s" + round);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String method : new String[] {"lora", "full"}) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            ResultStore.create(root, spec(method));
                            return "created " + method;
                        } catch (IllegalStateException e) {
                            return "refused";
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get());
                }
                assertEquals(1, results.stream().filter(r -> r.startsWith("created")).count(), "round " + round + ": " + results);
                String winner = results.stream().filter(r -> r.startsWith("created")).findFirst().orElseThrow().substring(8);
                assertEquals(winner, ResultStore.open(root).spec().methods().get(0).name(), "the stored spec is the winner's");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordIsNeverReplacedAndALostClaimIsNotHeld(@TempDir Path dir) throws Exception {
        ResultStore store = ResultStore.create(dir.resolve("s"), spec("lora"));
        Path trial = store.trialDir("0123456789abcdef0123");
        try (TrialClaims mine = new TrialClaims(Duration.ofMinutes(1))) {
            Claim claim = mine.tryClaim(trial).orElseThrow();
            assertTrue(claim.held());
            // another process takes the trial over (a Slurm resubmission with --take-over)
            Files.writeString(trial.resolve("claim-2.json"), Json.GSON.toJson(new ClaimInfo("node2", 7,
                    -1, System.currentTimeMillis(), System.currentTimeMillis())));
            assertFalse(claim.held(), "a newer claim on disk is seen at once, not at the next heartbeat");
            assertTrue(claim.lost());
        }
        Path record = trial.resolve(ResultStore.RECORD);
        assertTrue(org.peft4j.runtime.io.AtomicFiles.createNew(record, "first\n"));
        assertFalse(org.peft4j.runtime.io.AtomicFiles.createNew(record, "second\n"));
        assertEquals("first\n", Files.readString(record));
    }

    @Test
    void aClaimOfAnEarlierBootOfThisHostIsDeadEvenIfItsPidLives(@TempDir Path dir) throws Exception {
        ProcessIdentity me = ProcessIdentity.current();
        ProcessIdentity earlierBoot = new ProcessIdentity(me.host(), me.pid(), me.startMillis(), "another-boot-id");
        ProcessIdentity sameBoot = new ProcessIdentity(me.host(), me.pid(), me.startMillis(), me.bootId());
        if (me.bootId() != null) {
            assertTrue(earlierBoot.isDeadOnThisHost(), "the host was rebooted since: its pid is someone else's now");
        }
        assertFalse(sameBoot.isDeadOnThisHost(), "this very process is alive");
        assertEquals("abc", ProcessIdentity.bootId(Files.writeString(dir.resolve("boot_id"), "abc\n")));
        assertEquals(null, ProcessIdentity.bootId(dir.resolve("missing")));
    }

    @Test
    void temporaryFilesOfAKilledWriteAreRemovedOnceStale(@TempDir Path dir) throws Exception {
        ResultStore store = ResultStore.create(dir.resolve("s"), spec("lora"));
        String id = "0123456789abcdef0123";
        Path trial = store.trialDir(id);
        Files.createDirectories(store.checkpointDir(id));
        Path old = Files.writeString(trial.resolve(".record.json12345.tmp"), "torn");
        Path oldCheckpoint = Files.writeString(store.checkpointDir(id).resolve(".epoch.safetensors9.tmp"), "torn");
        Path fresh = Files.writeString(trial.resolve(".predictions.safetensors777.tmp"), "being written");
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(old, hourAgo);
        Files.setLastModifiedTime(oldCheckpoint, hourAgo);
        assertEquals(2, store.removeStaleTemporaries(id, Duration.ofMinutes(10)));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldCheckpoint));
        assertTrue(Files.exists(fresh), "a write younger than the stale age may still be under way");
    }

    @Test
    void anAttemptLogLineTornByAKillIsReadNotACrash(@TempDir Path dir) throws Exception {
        ResultStore store = ResultStore.create(dir.resolve("s"), spec("lora"));
        String id = "0123456789abcdef0123";
        store.beginAttempt(id, ProcessIdentity.current());
        store.failAttempt(id, 1, "OutOfMemoryError: Java heap space");
        Files.writeString(store.trialDir(id).resolve(ResultStore.ATTEMPTS), "2",
                java.nio.file.StandardOpenOption.APPEND);
        ResultStore.AttemptLog log = store.attemptLog(id);
        assertEquals(2, log.started(), "the torn line is the start that was being logged");
        assertEquals("OutOfMemoryError: Java heap space", log.lastFailure().orElseThrow());
        assertEquals(2, store.attempts(id));
    }
}
