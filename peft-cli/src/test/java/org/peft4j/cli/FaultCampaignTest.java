package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.ComparisonPlan;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.TestMethods;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.TrialKind;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * The fault campaign (docs/protocol.md, "Fault campaign"): {@code peft compare --parallel 2} on a
 * small comparison, its whole process tree killed with SIGKILL {@value #KILLS} times at seeded
 * random points (while the JVMs start, during an epoch, while a file is being written, right after a
 * record, right after a selection, during a final trial; kills 9 and 16 wait for a selection, kill 18
 * for a final trial, the others are drawn) and restarted each time, then run to the end. Every planned trial must have exactly one valid record, none may have been completed twice,
 * and the table must equal that of an uninterrupted run to the last digit. A second test fills the
 * store's file system (a small tmpfs; skipped where none can be mounted). Run by CI ({@code -Pci}).
 */
class FaultCampaignTest {

    /** Kills of the campaign. */
    static final int KILLS = 20;
    /** Seed of the kill points; {@code -Dpeft4j.campaign.seed=N} replays another campaign. */
    static final long SEED = Long.getLong("peft4j.campaign.seed", 13);

    /** Where a kill is aimed. */
    enum KillPoint {
        /** A random delay after the start, often while the JVMs start or plan. */
        STARTUP,
        /** A random moment in the epoch after an epoch checkpoint. */
        EPOCH,
        /** The moment a temporary file of an atomic write (checkpoint, record, predictions) exists. */
        WRITE,
        /** The moment a new record exists (before its checkpoint is deleted). */
        RECORD,
        /** The moment a selection has written the spec of a final trial. */
        SELECTION,
        /** A random moment after a final trial's epoch checkpoint. */
        FINAL
    }

    /** The comparison, its plugins and the uninterrupted run, shared by both tests. */
    @TempDir
    static Path shared;
    private static ComparisonSpec spec;
    private static String plugins;
    private static ResultStore reference;
    private static double referenceSeconds;
    private static java.util.Set<String> finalIds;

    /** The comparison, and its uninterrupted run with the same command in another store. */
    @BeforeAll
    static void uninterruptedRun() throws Exception {
        spec = TinyBenchmark.alphaComparison(shared, List.of("probe", "bias"), 8, 6);
        plugins = TestMethods.pluginFolder(shared).toString();
        reference = ResultStore.create(shared.resolve("uninterrupted"), spec);
        long start = System.nanoTime();
        Process run = compare(reference, shared.resolve("uninterrupted.log"));
        assertTrue(run.waitFor(180, TimeUnit.SECONDS), "the uninterrupted run ends");
        referenceSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitValue(), Files.readString(shared.resolve("uninterrupted.log")));
        finalIds = reference.trialIds().stream()
                .filter(id -> reference.record(id).orElseThrow().kind() == TrialKind.FINAL).collect(Collectors.toSet());
    }

    private static Process compare(ResultStore store, Path log) {
        return ChildJvm.start(log, "compare", "--store", store.root().toString(), "--parallel", "2", "--threads", "2",
                "--stale-after", "5", "--plugins", plugins);
    }

    @Test
    void killedAtRandomPointsTheComparisonLosesNoTrialRunsNoneTwiceAndEndsWithTheSameTable(@TempDir Path dir)
            throws Exception {
        ResultStore store = ResultStore.create(dir.resolve("store"), spec);
        Random random = new Random(SEED);
        Map<KillPoint, Integer> kills = new EnumMap<>(KillPoint.class);
        Map<KillPoint, Integer> reached = new EnumMap<>(KillPoint.class);
        int processesKilled = 0;
        long start = System.nanoTime();
        for (int k = 0; k < KILLS; k++) {
            Path log = dir.resolve("compare-" + k + ".log");
            Process run = compare(store, log);
            KillPoint point = k == 8 || k == 15 && !store.trialIds().containsAll(finalIds) ? KillPoint.SELECTION
                    : k == 17 ? KillPoint.FINAL : pick(random, store);
            boolean hit = awaitKillPoint(point, random, store, run);
            assertTrue(run.isAlive(), "the comparison ended after only " + k + " kills (seed " + SEED + "); lengthen it:\n"
                    + Files.readString(log));
            processesKilled += ChildJvm.killTree(run, store.root().toString());
            kills.merge(point, 1, Integer::sum);
            reached.merge(point, hit ? 1 : 0, Integer::sum);
        }
        Path last = dir.resolve("compare-final.log");
        Process run = compare(store, last);
        assertTrue(run.waitFor(180, TimeUnit.SECONDS), "the last restart ends");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitValue(), Files.readString(last));

        List<String> ids = store.trialIds();
        assertEquals(reference.trialIds(), ids, "the same trials, no trial of another selection");
        int attempts = 0;
        int resumed = 0;
        String workerLogs = workerLogs(store);
        for (String id : ids) {
            TrialRecord record = store.record(id).orElseThrow(() -> new AssertionError("trial " + id + " was lost"));
            TrialRecord expected = reference.record(id).orElseThrow();
            assertEquals(expected.metrics(), record.metrics(), "trial " + id);
            assertEquals(expected.history(), record.history(), "trial " + id);
            try (Stream<Path> files = Files.list(store.trialDir(id))) {
                assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("record.corrupt")).toList(), "trial " + id + ": no corrupt record");
            }
            // the line the Worker logs after writing a record: "trial ID: val200 95.83% (loss ...) in ... s"
            assertTrue(occurrences(workerLogs, "Worker - trial " + id + ": " + expected.evalSplit() + " ") <= 1,
                    "trial " + id + " completed once");
            attempts += store.attempts(id);
            resumed += record.timing().resumedEpochs() > 0 ? 1 : 0;
        }
        assertEquals(0, occurrences(workerLogs, "wrote its record first"), "no trial ran twice to completion");
        assertEquals(PrintedTable.of(reference), PrintedTable.of(store));
        assertEquals(Files.readString(reference.root().resolve("results.csv")),
                Files.readString(store.root().resolve("results.csv")), "results.csv identical to the last digit");
        assertTrue(Files.readString(last).contains(PrintedTable.of(store)));
        System.out.printf(java.util.Locale.ROOT, "fault campaign: seed %d, %d kills %s, of which at their point %s, "
                + "%d processes killed, %d restarts, %d trials in %d attempts, %d resumed from an epoch checkpoint, "
                + "%.0f s (uninterrupted %.0f s), table identical: yes%n", SEED, KILLS, kills, reached, processesKilled,
                KILLS, ids.size(), attempts, resumed, seconds, referenceSeconds);
        for (KillPoint point : KillPoint.values()) {
            assertTrue(reached.getOrDefault(point, 0) > 0, "no kill hit its point " + point + ": " + reached);
        }
    }

    /**
     * A seeded kill point, weighted so that the comparison outlasts the campaign: a selection only
     * when a group lacks one tuning record, a final trial only once there are final trials (else an
     * epoch).
     */
    private static KillPoint pick(Random random, ResultStore store) {
        int[] weights = {3, 5, 5, 3, 2, 2};
        int r = random.nextInt(java.util.Arrays.stream(weights).sum());
        int i = 0;
        while (r >= weights[i]) {
            r -= weights[i++];
        }
        KillPoint point = KillPoint.values()[i];
        if (point == KillPoint.SELECTION && !selectionImminent(store)
                || point == KillPoint.FINAL && store.trialIds().stream().noneMatch(finalIds::contains)) {
            return KillPoint.EPOCH;
        }
        return point;
    }

    /** Whether some (method, task) lacks exactly one tuning record. */
    private static boolean selectionImminent(ResultStore store) {
        return ComparisonPlan.of(spec).groups().stream().anyMatch(g -> g.tuning().stream()
                .filter(t -> !Files.exists(store.trialDir(t.id()).resolve(ResultStore.RECORD))).count() == 1);
    }

    /**
     * Waits for the kill point: at most 90 s for a selection or final trial (the workers first run
     * what comes before it), else 30 s.
     *
     * @return true when the point was reached, false when it timed out or the run ended
     */
    private static boolean awaitKillPoint(KillPoint point, Random random, ResultStore store, Process run)
            throws Exception {
        StoreView before = StoreView.of(store);
        int delay = random.nextInt(point == KillPoint.STARTUP ? 4000 : 60);
        Predicate<StoreView> reached = switch (point) {
            case STARTUP -> v -> true;
            case EPOCH -> v -> v.checkpoints(before, false) > 0;
            case WRITE -> v -> v.temporaries > 0;
            case RECORD -> v -> v.records > before.records;
            case SELECTION -> v -> v.trials > before.trials;
            case FINAL -> v -> v.checkpoints(before, true) > 0;
        };
        boolean far = point == KillPoint.SELECTION || point == KillPoint.FINAL;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(far ? 90 : 30);
        while (run.isAlive() && System.nanoTime() < deadline) {
            if (reached.test(StoreView.of(store))) {
                if (point != KillPoint.WRITE && point != KillPoint.RECORD && point != KillPoint.SELECTION) {
                    Thread.sleep(delay);
                }
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** What the kill points look for in a store: counts, and each checkpoint's time. */
    private record StoreView(int trials, int records, int temporaries, Map<Path, Long> checkpoints) {

        static StoreView of(ResultStore store) throws IOException {
            int records = 0;
            int temporaries = 0;
            Map<Path, Long> checkpoints = new java.util.HashMap<>();
            List<String> ids = store.trialIds();
            for (String id : ids) {
                Path dir = store.trialDir(id);
                for (Path f : list(dir)) {
                    String name = f.getFileName().toString();
                    records += name.equals(ResultStore.RECORD) ? 1 : 0;
                    temporaries += name.endsWith(".tmp") ? 1 : 0;
                }
                for (Path f : list(store.checkpointDir(id))) {
                    if (f.getFileName().toString().endsWith(".tmp")) {
                        temporaries++;
                    } else {
                        try {
                            checkpoints.put(f, Files.getLastModifiedTime(f).toMillis());
                        } catch (IOException gone) {
                            // deleted while we looked
                        }
                    }
                }
            }
            return new StoreView(ids.size(), records, temporaries, checkpoints);
        }

        /** Checkpoint files new or rewritten since {@code before}, of final trials only if asked. */
        long checkpoints(StoreView before, boolean finalsOnly) {
            return checkpoints.entrySet().stream()
                    .filter(e -> !e.getValue().equals(before.checkpoints.get(e.getKey())))
                    .filter(e -> !finalsOnly || finalIds.contains(e.getKey().getParent().getParent().getFileName().toString()))
                    .count();
        }

        private static List<Path> list(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    private static String workerLogs(ResultStore store) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> logs = Files.list(store.root().resolve("logs"))) {
            for (Path log : logs.toList()) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aFullDiskStopsTheComparisonWithOneSentenceAndItResumesOnceSpaceIsBack(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tmpfs"));
        String why = mountTmpfs(mount);
        Assumptions.assumeTrue(why == null, why);
        try {
            ResultStore store = ResultStore.create(mount.resolve("store"), spec);
            Path filler = mount.resolve("filler");
            Path log = dir.resolve("full.log");
            Process run = compare(store, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (run.isAlive() && StoreView.of(store).records == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(run.isAlive(), "the disk was filled during the comparison");
            fill(filler);
            assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the comparison stops");
            String out = Files.readString(log);
            assertEquals(1, run.exitValue(), out);
            List<String> errors = out.lines().filter(l -> l.startsWith(ErrorReporter.PREFIX)).toList();
            assertEquals(1, errors.size(), out);
            // the coordinator says it, or meets the full disk itself
            assertTrue(errors.get(0).matches(".*(is full|No space left on device).*"), "names the cause: " + errors.get(0));
            assertFalse(out.contains("\tat ") || out.contains("Caused by"), "no stack trace:\n" + out);
            System.out.println("full disk: " + errors.get(0));

            Files.delete(filler);
            Path again = dir.resolve("again.log");
            Process resume = compare(store, again);
            assertTrue(resume.waitFor(180, TimeUnit.SECONDS), "the resumed comparison ends");
            assertEquals(0, resume.exitValue(), Files.readString(again));
            assertEquals(reference.trialIds(), store.trialIds());
            assertEquals(Files.readString(reference.root().resolve("results.csv")),
                    Files.readString(store.root().resolve("results.csv")));
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    /** Mounts an 8 MiB tmpfs; null when it worked, else why not. */
    private static String mountTmpfs(Path dir) throws InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the full-disk test mounts a tmpfs, which needs root";
        }
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(mount.getInputStream().readAllBytes());
            return mount.waitFor() == 0 ? null : "cannot mount a tmpfs: " + out.strip();
        } catch (IOException e) {
            return "cannot run mount: " + e.getMessage();
        }
    }

    /** Writes a file until the file system is full. */
    private static void fill(Path file) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(1 << 16);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                ch.write(block.clear());
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
    }
}
