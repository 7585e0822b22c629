package org.peft4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.embedded.EmbeddedBenchmark;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.Json;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.TestMethods;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.ClaimInfo;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.support.TestRecords;
import picocli.CommandLine;

class CompareCommandTest {

    @TempDir
    static Path dir;

    private static Path data;
    private static String plugins;

    /** Output and exit code of one command line. */
    private record Run(int code, String out, String err) {}

    private static Run peft(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PeftCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void data() {
        data = dir.resolve("vtab");
        TinyBenchmark.writeTask(data, "alpha", 3, 1);
        plugins = TestMethods.pluginFolder(dir).toString();
    }

    @Test
    void withoutArgumentsItPlansTheQuickProtocolOfEightMethodsOnTheBuiltInBenchmark() {
        String before = System.setProperty(EmbeddedBenchmark.CACHE_PROPERTY, dir.resolve("embedded").toString());
        try {
            Run run = peft("compare", "--dry-run");
            assertEquals(0, run.code(), run.err());
            String out = run.out();
            assertTrue(out.startsWith("comparison embedded-quick (quick protocol)\n"), out);
            assertTrue(out.contains("(pixels: inception)"), out);
            assertTrue(out.contains("tasks (6): shapes [natural, 6 classes], textures [natural, 6 classes], gratings "
                    + "[specialized, 5 classes], lesions [specialized, 4 classes], counting [structured, 6 classes], "
                    + "orientation [structured, 8 classes]\n"), out);
            assertTrue(out.contains("model vit-micro, checkpoint " + dir.resolve("embedded")
                    .resolve(EmbeddedBenchmark.CHECKPOINT_FILE).toAbsolutePath() + " (sha256 "
                    + EmbeddedBenchmark.CHECKPOINT_SHA256 + ")\n"), out);
            assertTrue(out.contains("budget: 10 epochs, batch 64, lr [0.001, 0.01], weight decay [1.0E-4], 1 seed(s)\n"),
                    out);
            assertTrue(out.contains("methods (8):\n  linear       2 tuning trial(s) per task, grid (no hyperparameter)\n"),
                    out);
            assertTrue(out.contains("\n  vpt_deep     2 tuning trial(s) per task, grid prompts=10 dropout=0.1\n"),
                    "fewer prompts for 16 patches: " + out);
            assertTrue(out.endsWith("trials: 96 tuning + 48 final = 144; nothing was run (--dry-run)\n"), out);
            assertFalse(Files.exists(Path.of("runs", "embedded-quick")), "a dry run writes no store");

            Run study = peft("compare", "--dry-run", "--study", "--methods", "lora", "--tasks", "shapes");
            assertEquals(0, study.code(), study.err());
            assertTrue(study.out().startsWith("comparison embedded-study-lora-shapes (study protocol)\n"), study.out());
            assertTrue(study.out().contains("budget: 100 epochs"), study.out());

            Run both = peft("compare", "--quick", "--study");
            assertEquals("peft: error: --quick and --study exclude each other; pass one of them\n", both.err());
        } finally {
            if (before == null) {
                System.clearProperty(EmbeddedBenchmark.CACHE_PROPERTY);
            } else {
                System.setProperty(EmbeddedBenchmark.CACHE_PROPERTY, before);
            }
        }
    }

    @Test
    void badOptionsAreExplainedInOneLine() {
        Run malformed = peft("compare", "--data", data.toString(), "--set", "probe", "--store", dir.resolve("x").toString(),
                "--plugins", plugins);
        assertEquals("peft: error: --set 'probe' is not valid: expected METHOD.KEY=V1[,V2...], e.g. lora.rank=4,8\n",
                malformed.err());
        Run unknownMethod = peft("compare", "--data", data.toString(), "--methods", "probe,nope", "--plugins", plugins);
        assertTrue(unknownMethod.err().startsWith("peft: error: unknown method 'nope'; known methods: "), unknownMethod.err());
        Run unknownKey = peft("compare", "--data", data.toString(), "--methods", "bias", "--set", "bias.rank=4",
                "--plugins", plugins);
        assertEquals("peft: error: --set bias.rank: method 'bias' has no hyperparameter 'rank'; it has norms\n",
                unknownKey.err());
        Run notCompared = peft("compare", "--data", data.toString(), "--methods", "probe", "--set", "bias.norms=true",
                "--plugins", plugins);
        assertEquals("peft: error: --set names method 'bias', which is not compared; compared methods: probe\n",
                notCompared.err());
        Run badTask = peft("compare", "--data", data.toString(), "--methods", "probe", "--tasks", "beta", "--plugins", plugins);
        assertTrue(badTask.err().contains("task 'beta' has no folder"), badTask.err());
    }

    @Test
    void aQuickComparisonRunsFromTheCommandLineAndResumesWithTheSameCommand() throws Exception {
        Path output = dir.resolve("runs").resolve("quick");
        String[] args = {"compare", "--data", data.toString(), "--methods", "probe,bias", "--quick", "--model", "vit-tiny",
                "--epochs", "1", "-Dtrain.batch_size=8", "--seeds", "2", "--set", "bias.norms=true", "--store",
                output.toString(), "--threads", "1", "--plugins", plugins};
        Run first = peft(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("protocol: quick"), first.out());
        assertTrue(first.out().contains("mean ± sample std over 2 seeds"), first.out());
        assertTrue(first.out().contains("Intervals: 95% percentile bootstrap (B = 1000, seed 17) over the test images "
                + "and the 2 final seeds") && first.out().contains("2 seeds are too few for the spread shown"),
                first.out());
        assertTrue(java.util.regex.Pattern.compile("\\| probe +\\| [*_]*[\\d.]+ ± [\\d.]+[*_]* \\[[\\d.]+, [\\d.]+\\] \\|")
                .matcher(first.out()).find(), "each cell: mean ± std [interval] " + first.out());

        ResultStore store = ResultStore.open(output);
        ComparisonSpec spec = store.spec();
        assertEquals(ProtocolKind.QUICK, spec.protocol());
        assertEquals("vit-tiny", spec.model().name());
        assertNull(spec.checkpoint(), "no checkpoint: a random backbone");
        assertEquals(1, spec.recipe().epochs());
        assertEquals(0, spec.recipe().warmupEpochs(), "the default warm-up scales with the epochs (10 of 100)");
        assertEquals(8, spec.recipe().batchSize());
        assertEquals(List.of(1e-3, 1e-2), spec.lrGrid());
        assertEquals(List.of(1e-4), spec.wdGrid(), "the quick protocol keeps one weight decay");
        assertEquals(2, spec.seeds());
        assertEquals(List.of(Map.of()), spec.methods().get(0).grid(), "probe has no hyperparameter: one point");
        assertEquals(List.of(Map.of("norms", "true")), spec.methods().get(1).grid());
        assertEquals(3, spec.tasks().get(0).numClasses());
        List<String> ids = store.trialIds();
        assertEquals(8, ids.size(), "2 tuning + 2 final trials per method");
        assertEquals(3, Files.readAllLines(output.resolve("results.csv")).size());
        assertTrue(Files.readAllLines(output.resolve("results.csv")).get(1).startsWith("quick,probe,alpha,other,ok,2,"));

        for (String id : ids) {
            assertEquals(1, store.readCurve(id).orElseThrow().size(), "one epoch in each trial's curve.csv");
        }
        assertTrue(Files.isRegularFile(output.resolve("report/per-class/alpha--probe-confusion.csv")));
        Run confusion = peft("report", "--store", output.toString(), "--confusion", "alpha");
        assertEquals(0, confusion.code(), confusion.err());
        assertTrue(Files.isRegularFile(output.resolve("report/confusion-alpha--probe.png")), confusion.out());
        Run unknown = peft("report", "--store", output.toString(), "--confusion", "beta");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("peft: error: task 'beta' asked for a confusion matrix is not a task of the "
                + "comparison"), unknown.err());
        peft("report", "--store", output.toString());

        Run again = peft(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(first.out(), again.out());
        for (String id : ids) {
            assertEquals(1, store.attempts(id), "nothing runs twice");
        }
        Run resumeOnly = peft("compare", "--store", output.toString(), "--threads", "1", "--plugins", plugins);
        assertEquals(first.out(), resumeOnly.out());

        String[] changed = args.clone();
        changed[9] = "3";
        Run other = peft(changed);
        assertEquals(1, other.code());
        assertTrue(other.err().contains("holds another comparison (it differs in recipe)"), other.err());

        assertTrue(Files.readString(output.resolve("results.md")).contains("pixel normalisation none (pixels from 0 to 1, "
                + "the study's choice on VTAB-1K), images resized to 32 px"));
        String[] normalised = java.util.Arrays.copyOf(args, args.length + 2);
        normalised[args.length] = "--normalization";
        normalised[args.length + 1] = "imagenet";
        Run renormalised = peft(normalised);
        assertEquals(1, renormalised.code());
        assertTrue(renormalised.err().contains("holds another comparison (it differs in normalization)"), renormalised.err());
    }

    @Test
    void normalizationOverridesTheBenchmarksForTheWholeComparison() {
        String[] base = {"compare", "--dry-run", "--data", data.toString(), "--methods", "probe", "--plugins", plugins};
        Run clip = peft(concat(base, "--model", "vit-tiny", "--normalization", "clip"));
        assertTrue(clip.out().contains("(pixels: clip)"), clip.out());
        Run pretrained = peft(concat(base, "--model", "vit-s16", "--normalization", "pretrained"));
        assertTrue(pretrained.out().contains("(pixels: inception)"), pretrained.out());
        Run none = peft(concat(base, "--model", "vit-s16"));
        assertTrue(none.out().contains("(pixels: none)"), "the study's default: " + none.out());
        Run bad = peft(concat(base, "--normalization", "sepia"));
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--normalization sepia: unknown normalisation 'sepia'; expected one of [none, "
                + "imagenet, inception, clip], or pretrained"), bad.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void peftTrialRunsOneTrialByIdOnce() throws Exception {
        Path output = dir.resolve("runs").resolve("single");
        ResultStore store = ResultStore.create(output, TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base.safetensors")), List.of("alpha"), List.of("probe"), 2, 1));
        String id = new ComparisonState(store).refresh().get(0).group().tuning().get(0).id();
        Run run = peft("trial", "--store", output.toString(), "--id", id, "--threads", "1", "--plugins", plugins);
        assertEquals(0, run.code(), run.err());
        assertTrue(store.record(id).isPresent());
        assertEquals(0, peft("trial", "--store", output.toString(), "--id", id, "--threads", "1", "--plugins", plugins).code());
        assertEquals(1, store.attempts(id));
        assertEquals(1, store.trialIds().stream().filter(t -> store.record(t).isPresent()).count(), "only that trial ran");
        Run bad = peft("trial", "--store", output.toString(), "--id", "zz");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("peft: error: 'zz' is not a trial id"), bad.err());
        Run both = peft("trial", "--store", output.toString(), "--id", id, "--worker");
        assertEquals(2, both.code(), "--id and --worker exclude each other");
    }

    @Test
    void aStoreWithATrialOfAnotherCommitIsRefusedUnlessMixedBuildsAreAllowed() throws Exception {
        Path output = dir.resolve("runs").resolve("mixed");
        ResultStore store = ResultStore.create(output, TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base3.safetensors")), List.of("alpha"), List.of("probe"), 1, 1));
        Trial first = new ComparisonState(store).refresh().get(0).group().tuning().get(0);
        store.writeRecord(TestRecords.fromCommit(TestRecords.of(first, TrialStatus.OK, 50, 12, null, 1, 1, 1),
                "b".repeat(40)));
        String[] args = {"compare", "--store", output.toString(), "--threads", "1", "--plugins", plugins};
        Run refused = peft(args);
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("peft: error: the store " + output + " holds trials run by peft4j "),
                refused.err());
        assertTrue(refused.err().contains("(commit bbbbbbbbbbbb) (e.g. trial " + first.id() + ") and this is peft4j "),
                refused.err());
        assertTrue(refused.err().endsWith("; run it with that build, or pass --allow-mixed-builds to mix results of "
                + "both builds\n"), refused.err());
        assertEquals(1, refused.err().lines().count(), "one sentence, no stack trace");
        String second = new ComparisonState(store).refresh().get(0).group().tuning().get(1).id();
        Run trial = peft("trial", "--store", output.toString(), "--id", second, "--threads", "1", "--plugins", plugins);
        assertEquals(1, trial.code());
        assertTrue(trial.err().contains("--allow-mixed-builds"), trial.err());

        Run allowed = peft("compare", "--store", output.toString(), "--threads", "1", "--plugins", plugins,
                "--allow-mixed-builds");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().contains("The results come from 2 builds: "), allowed.out());
        assertTrue(Files.readString(output.resolve("report").resolve("report.md")).contains("come from 2 builds"));
    }

    @Test
    void aClaimThatLooksAliveIsTakenOverOnlyWhenAskedAndStatusCountsTheTrials() throws Exception {
        Path output = dir.resolve("runs").resolve("take-over");
        ResultStore store = ResultStore.create(output, TinyBenchmark.spec(data,
                TinyBenchmark.writeCheckpoint(dir.resolve("base2.safetensors")), List.of("alpha"), List.of("probe"), 2, 1));
        String id = new ComparisonState(store).refresh().get(0).group().tuning().get(0).id();
        long now = System.currentTimeMillis();
        Files.writeString(store.trialDir(id).resolve("claim-1.json"),
                Json.GSON.toJson(new ClaimInfo("another-node", 4242, now, now, now)));
        Run held = peft("trial", "--store", output.toString(), "--id", id, "--threads", "1", "--plugins", plugins);
        assertEquals(1, held.code());
        assertTrue(held.err().contains("trial " + id + " is being run by another process"), held.err());
        Run taken = peft("trial", "--store", output.toString(), "--id", id, "--take-over", "--threads", "1",
                "--plugins", plugins);
        assertEquals(0, taken.code(), taken.err());
        assertTrue(store.record(id).isPresent());
        assertEquals("peft: error: --take-over goes with --id: a worker takes over dead claims only\n",
                peft("trial", "--store", output.toString(), "--worker", "--take-over").err());

        Run status = peft("status", "--store", output.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().startsWith("comparison "), status.out());
        assertTrue(status.out().contains("\nprobe          alpha              1       0         0        2\n"
                + "total: 1 of 3 trials have a record (1 ok, 0 failed, 0 diverged), 2 pending\n"), status.out());
        assertFalse(status.out().contains("slurm:"), "no Slurm lines without slurm/jobs.tsv");
    }

    @Test
    void executorOptionsAreCheckedBeforeAnythingRuns() {
        assertEquals("peft: error: --executor 'pbs' is not known: expected local or slurm\n",
                peft("compare", "--dry-run", "--executor", "pbs").err());
        assertEquals("peft: error: --detach goes with --executor slurm: local trials need this process\n",
                peft("compare", "--detach").err());
        assertEquals("peft: error: --parallel is for --executor local; on Slurm every trial is a job of its own\n",
                peft("compare", "--executor", "slurm", "--parallel", "2").err());
    }

    /** A dry run of 2 methods × 1 task (train800: 24 images, val200: 12, train800val200: 36, test: 12). */
    private static String[] smallDryRun(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--dry-run", "--data", data.toString(),
                "--methods", "probe,bias", "--set", "bias.norms=true", "--quick", "--model", "vit-micro", "--epochs", "2",
                "-Dtrain.batch_size=10", "--seeds", "2", "--threads", "1", "--plugins", plugins, "--store",
                dir.resolve("runs").resolve("estimate").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aDryRunCountsTheTrainingStepsOfEveryMethod() {
        Run run = peft(smallDryRun());
        assertEquals(0, run.code(), run.err());
        // per method: 2 tuning trials × 2 epochs × ⌊24 / 10⌋ + 2 seeds × 2 epochs × ⌊36 / 10⌋ = 8 + 12 steps;
        // 2 × 12 val200 + 2 × 12 test images evaluated
        assertTrue(run.out().contains("training steps (2 epochs of full batches of 10: train800 per tuning trial, "
                + "train800val200 per final trial; then val200 or test evaluated once):\n"
                + "  probe  4 trials  20 steps  48 images evaluated\n"
                + "  bias   4 trials  20 steps  48 images evaluated\n"
                + "  total  8 trials  40 steps  96 images evaluated\n"
                + "trials: 4 tuning + 4 final = 8; nothing was run (--dry-run)\n"), run.out());
        assertFalse(run.out().contains("ms/step"), "timing only with --estimate");
    }

    @Test
    void anEstimateTimesEachMethodAndMultipliesItsStepsWithoutWritingAnything() {
        Run run = peft(smallDryRun("--estimate", "--parallel", "2"));
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("timing probe on vit-micro (batch 10, 1 warm-up + 3 timed steps on cpu()) ...\n"), out);
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^  (\\w+) +([\\d.]+) ms/step +× \\(([\\d,]+) "
                + "training \\+ ([\\d,]+) evaluation steps\\) += ([\\d.]+) CPU hours$").matcher(out);
        double sum = 0;
        List<String> methods = new java.util.ArrayList<>();
        while (row.find()) {
            methods.add(row.group(1));
            double ms = Double.parseDouble(row.group(2));
            assertTrue(ms > 0, out);
            assertEquals(20, Long.parseLong(row.group(3)), "the dry run's steps");
            assertEquals(2, Long.parseLong(row.group(4)), "⌈48 images / 3 / batch 10⌉");
            double hours = Double.parseDouble(row.group(5));
            assertEquals(22 * ms / 3.6e6, hours, 22 * ms / 3.6e6 * 1e-3 + 0.01 * 22 / 3.6e6, out);
            sum += hours;
        }
        assertEquals(List.of("probe", "bias"), methods, out);
        assertTrue(out.contains("trials (= Slurm array tasks): 8\n"), out);
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^CPU hours \\(1 thread\\): ([\\d.]+)\n"
                + "wall time with --parallel 2: at least ([\\d.]+) hours \\(CPU hours / 2; a lower bound\\)$").matcher(out);
        assertTrue(total.find(), out);
        assertEquals(sum, Double.parseDouble(total.group(1)), sum * 2e-3, out);
        assertEquals(sum / 2, Double.parseDouble(total.group(2)), sum * 2e-3, out);
        assertFalse(Files.exists(dir.resolve("runs").resolve("estimate")), "a dry run writes no store");
    }

    @Test
    void onSlurmTheEstimateBoundsTheWallTimeByTheLongestTrials() {
        Run run = peft(smallDryRun("--estimate", "--executor", "slurm"));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\nwall time on Slurm with as many CPU nodes like this one as trials in flight: "
                + "at least "), run.out());
    }

    @Test
    void anEstimateWithoutADryRunIsAUsageError() {
        Run run = peft("compare", "--data", data.toString(), "--methods", "probe", "--estimate", "--plugins", plugins);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("peft: error: --estimate goes with --dry-run: it times a few steps instead of "
                + "running the comparison\n"), run.err());
    }
}
