package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.store.ProcessIdentity;
import org.peft4j.eval.protocol.store.ResultStore;

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
}
