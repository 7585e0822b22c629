package org.peft4j.eval.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.run.EnvironmentFailure;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.run.Worker;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.plugins.MethodRegistry;

/** A machine's failure (out of memory, disk full) is retried and never becomes the method's outcome. */
class EnvironmentFailureTest {

    @TempDir
    Path dir;

    private ResultStore store(String name) {
        Path data = dir.resolve("data");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        Path checkpoint = TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors"));
        return ResultStore.create(dir.resolve(name),
                TinyBenchmark.spec(data, checkpoint, List.of("alpha"), List.of("flaky"), 1, 1));
    }

    private static int run(ResultStore store) throws InterruptedException {
        try (MethodRegistry registry = MethodRegistry.of(new TestMethods.Flaky());
                TrialClaims claims = new TrialClaims(Duration.ofMinutes(1))) {
            return new Worker(store, new TrialRunner(store, registry, Device.cpu(), ImageCache.Options.defaults()),
                    claims, Duration.ofMillis(50), new Worker.Retries(3, Duration.ofMillis(10))).runAll();
        }
    }

    @Test
    void anOutOfMemoryTrialIsRetriedAndEndsOkWithItsFailedAttemptLogged() throws Exception {
        ResultStore store = store("retried");
        TestMethods.Flaky.FAILURES.set(1);
        run(store);
        List<String> ids = store.trialIds();
        assertEquals(1, ids.stream().filter(id -> store.lastFailure(id).isPresent()).count(), "one attempt failed");
        String first = ids.stream().filter(id -> store.lastFailure(id).isPresent()).findFirst().orElseThrow();
        assertTrue(store.lastFailure(first).get().contains("OutOfMemoryError: Java heap space (simulated)"));
        assertEquals(2, store.attempts(first), "started twice");
        for (String id : ids) {
            assertEquals(TrialStatus.OK, store.record(id).orElseThrow().status(), "never recorded as failed");
        }
    }

    @Test
    void aTrialTheMachineKeepsFailingStopsTheWorkerWithASentenceAndNoRecord() throws Exception {
        ResultStore store = store("stopped");
        TestMethods.Flaky.FAILURES.set(100);
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> run(store));
        assertTrue(stop.getMessage().contains("failed 3 times for a reason of the machine, not of the method (last: "
                + "OutOfMemoryError: Java heap space (simulated)); free memory or disk space"), stop.getMessage());
        String id = store.trialIds().get(0);
        assertFalse(store.record(id).isPresent(), "the grid point is not lost to the machine");
        TestMethods.Flaky.FAILURES.set(0);
        run(store);
        assertEquals(TrialStatus.OK, store.record(id).orElseThrow().status(), "the same command resumes");
    }

    @Test
    void onlyTheMachinesFailuresAreTheEnvironments() {
        assertTrue(EnvironmentFailure.of(new OutOfMemoryError("Java heap space")).isPresent());
        assertTrue(EnvironmentFailure.of(new UncheckedIOException(new IOException("No space left on device"))).isPresent());
        assertTrue(EnvironmentFailure.of(new IllegalStateException("writing the checkpoint failed",
                new IOException("Disk quota exceeded"))).isPresent());
        assertFalse(EnvironmentFailure.of(new IllegalStateException("broken on purpose")).isPresent());
        assertFalse(EnvironmentFailure.of(new IllegalArgumentException("out of memory is not a hyperparameter"))
                .isPresent(), "a method's own exception that merely mentions memory is its outcome");
        assertFalse(EnvironmentFailure.of(new UncheckedIOException(new IOException("images/3.png: not a PNG")))
                .isPresent(), "bad data is the trial's outcome");
        assertTrue(Files.exists(dir));
    }
}
