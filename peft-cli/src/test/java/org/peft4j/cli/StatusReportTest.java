package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.Fixtures;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.TrialIds;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.ProcessIdentity;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/** {@code peft status} names the trials that needed retries, with their attempts and last error. */
class StatusReportTest {

    @Test
    void trialsWithRetriesShowTheirAttemptsAndLastError(@TempDir Path dir) {
        Path data = dir.resolve("data");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        ResultStore store = ResultStore.create(dir.resolve("store"), TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors")), List.of("alpha"), List.of("probe"), 1, 1));
        assertEquals("", StatusReport.troubles(store), "nothing to say about a store without retries");
        String id = "0123456789abcdef0123";
        store.beginAttempt(id, ProcessIdentity.current());
        store.failAttempt(id, 1, "OutOfMemoryError: Java heap space");
        store.beginAttempt(id, ProcessIdentity.current());
        String text = StatusReport.troubles(store);
        assertTrue(text.startsWith("trials with retries, failures or skipped batches:\n"), text);
        assertTrue(text.contains("  " + id + "  2 attempts, no record; last error: OutOfMemoryError: Java heap space"),
                text);
    }

    @Test
    void aTrialThatSkippedBatchesUnderReferenceCompatIsListed(@TempDir Path dir) {
        Path data = dir.resolve("data");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        ResultStore store = ResultStore.create(dir.resolve("store"), TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors")), List.of("alpha"), List.of("probe"), 1, 1));
        TrialSettings s = Fixtures.settings("probe", java.util.Map.of(), 1e-3, 1e-4);
        String hash = TrialIds.configHash(TrialKind.TUNING, s);
        String id = hash.substring(0, TrialIds.LENGTH);
        store.beginAttempt(id, ProcessIdentity.current());
        store.writeRecord(new TrialRecord(TrialRecord.FORMAT, id, hash, TrialKind.TUNING, s.protocol(), TrialStatus.OK,
                "", s, "train800", "val200", new TrialRecord.MethodInfo("probe", "1.0", "1.0", "given"), "1.0", null,
                List.of(), new TrialRecord.Metrics("val200", 50, 1.0, 12), new TrialRecord.ParameterCounts(0, 99, 1000),
                List.of(new TrialRecord.EpochSummary(0, 1e-3, 1.2, 2), new TrialRecord.EpochSummary(1, 1e-3, 1.1, 1)),
                null, new TrialRecord.Timing(1, 1, 0), new TrialRecord.Memory(-1, "process"),
                new TrialRecord.Execution("host", 1, "cpu()", 1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z",
                        "development build", "17", "a".repeat(40), "false", "2.5.1")));
        String text = StatusReport.troubles(store);
        assertTrue(text.contains("  " + id + "  1 attempt, ok, 3 batches skipped for a NaN or infinite loss "
                + "(reference-compat)\n"), text);
    }
}
