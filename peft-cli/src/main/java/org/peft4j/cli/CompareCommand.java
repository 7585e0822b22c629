package org.peft4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.Benchmark;
import org.peft4j.eval.protocol.BenchmarkSource;
import org.peft4j.eval.protocol.BenchmarkTask;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.SpecResolver;
import org.peft4j.eval.protocol.TaskCatalog;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultTable;
import org.peft4j.eval.protocol.run.BuildGuard;
import org.peft4j.eval.protocol.run.ProcessExecutor;
import org.peft4j.eval.protocol.run.SequentialExecutor;
import org.peft4j.eval.protocol.run.TrialExecutor;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.run.WorkerCommand;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialClaims;
import org.peft4j.eval.stats.SignificanceReport;
import org.peft4j.report.ComparisonReport;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.VitConfig;
import org.peft4j.slurm.SbatchScript;
import org.peft4j.slurm.SlurmClient;
import org.peft4j.slurm.SlurmExecutor;
import org.peft4j.slurm.SlurmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code peft compare}: the uniform tuning protocol over methods × tasks, resumable, in parallel if asked. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare PEFT methods with one protocol: every point of each method's grid × the learning-rate "
                + "× weight-decay grid is trained on train800 and scored on val200 after the last epoch; the best "
                + "(higher val accuracy, then fewer inserted parameters, then grid order) is retrained on "
                + "train800val200 and evaluated once on test. Every method gets the same epochs and grids.",
                "Re-running the same command resumes: finished trials are kept, an interrupted one continues from its "
                        + "epoch checkpoint. 'peft compare --store DIR' alone resumes the comparison stored in DIR."},
        footer = {"", "Examples:",
                "  peft compare --data data/vtab-1k --tasks dtd,eurosat --methods lora,bitfit --checkpoint vit_b16.npz",
                "  peft compare --data data/vtab-1k --quick --seeds 3 --parallel 2 --set lora.rank=4,8",
                "  peft compare --store runs/vtab-1k-study",
                "  peft compare --data /shared/vtab-1k --executor slurm -Dslurm.partition=gpu -Dslurm.gres=gpu:1 --device gpu"})
final class CompareCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(CompareCommand.class);

    /**
     * Options that change the comparison, as do {@code -D} settings other than {@code slurm.*}; without any
     * of them an existing --store is resumed as stored.
     */
    private static final List<String> SPEC_OPTIONS = List.of("--data", "--tasks", "--methods", "--model",
            "--checkpoint", "--name", "--quick", "--study", "--seeds", "--epochs", "--micro-batch", "--lr-grid", "--wd-grid",
            "--set", "--reference-compat", "--config", "--many-shot", "--normalization", "--image-size");

    /** The prefix of the settings that only say where trials run, so they never change the comparison. */
    private static final String SLURM_KEYS = "slurm.";

    @Spec
    CommandSpec commandSpec;

    @Mixin
    ConfigOptions settings;

    @Mixin
    ImageSizeOption imageSize;

    @Mixin
    DeviceOptions device;

    @Mixin
    ClaimOptions claiming;

    @Mixin
    ManyShotOptions manyShot;

    @Option(names = "--data", paramLabel = "DIR",
            description = "VTAB-1K-layout root: one folder per task with train800.txt, val200.txt, train800val200.txt, "
                    + "test.txt (default: data.root if set, else the embedded benchmark)")
    Path data;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Tasks to run (default: every task folder)")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "Methods to compare (default: on the built-in benchmark "
                    + "linear, full, bitfit, ln, lora, adaptformer, vpt_deep, ssf; else every registered method)")
    List<String> methods = new ArrayList<>();

    @Option(names = "--model",
            description = "Backbone preset (docs/backbones.md): vit-b16, vit-s16, vit-l16, vit-b32, vit-b16-384, "
                    + "dinov2-s14, dinov2-b14, dinov2-l14, dinov2-b14-reg4, clip-b16, clip-l14, mae-b16; test-sized "
                    + "vit-micro, vit-tiny, dinov2-micro, clip-micro (default: model, vit-b16; on the built-in benchmark "
                    + "vit-micro, with random weights for any other preset)")
    String model;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Pretrained weights (.safetensors with timm or "
            + "transformers names, Google .npz, or hf-hub:ORG/NAME[@REV] from the local Hugging Face cache)")
    Path checkpoint;

    @Option(names = "--normalization", paramLabel = "NAME", description = "Pixel normalisation of every trial: none, "
            + "imagenet, inception, clip, or pretrained (the model's own, see docs/backbones.md); recorded in the spec "
            + "(default: the benchmark's, none on VTAB-1K as in the study)")
    String normalization;

    @Option(names = "--store", paramLabel = "DIR", description = "The result store: created, or resumed if it holds this "
            + "comparison; alone, resumes the one it holds (default: <results.dir>/<name>)")
    Path storeDir;

    @Option(names = "--name", description = "Name of the comparison (default: <data folder>-<protocol>, then the "
            + "methods and tasks if given)")
    String name;

    @Option(names = "--quick", description = "Smoke run: " + SpecResolver.QUICK_EPOCHS + " epochs, weight decay 1e-4 only, "
            + "each method's default hyperparameters; labelled 'quick' everywhere (the default on the built-in benchmark)")
    boolean quick;

    @Option(names = "--study", description = "The study's full protocol even on the built-in benchmark, whose default "
            + "is --quick")
    boolean study;

    @Option(names = "--seeds", defaultValue = "1",
            description = "Final runs per method and task (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "Worker processes (default: ${DEFAULT-VALUE}, in this process)")
    int parallel;

    @Option(names = "--epochs", description = "Training epochs of every trial (default: train.epochs, 100)")
    Integer epochs;

    @Option(names = "--micro-batch", defaultValue = "0",
            description = "Examples per forward/backward, to save memory (default: the batch size)")
    int microBatch;

    @Option(names = "--lr-grid", paramLabel = "LR,LR",
            description = "Learning rates tuned for every method (default: train.lr_grid, 1e-3,1e-2)")
    String lrGrid;

    @Option(names = "--wd-grid", paramLabel = "WD,WD",
            description = "Weight decays tuned for every method (default: train.wd_grid, 1e-4,1e-3)")
    String wdGrid;

    @Option(names = "--set", paramLabel = "METHOD.KEY=V1,V2",
            description = "Replace one hyperparameter's grid of a method (repeatable), e.g. lora.rank=4,8")
    List<String> gridSettings = new ArrayList<>();

    @Option(names = "--dry-run", description = "Resolve the comparison and print its plan (tasks, methods, trials); "
            + "run and write nothing")
    boolean dryRun;

    @Option(names = "--estimate", description = "With --dry-run: time " + CostEstimate.TIMED + " training steps of "
            + "each method on the comparison's model, batch and --device, and print the device hours of the whole "
            + "comparison and a lower bound of its wall time; no trial runs")
    boolean estimate;

    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|slurm",
            description = "Where the trials run: local (this process, or --parallel worker processes) or slurm "
                    + "(job arrays on a Slurm cluster, settings slurm.*; see docs/cluster.md) (default: ${DEFAULT-VALUE})")
    String executorName;

    @Option(names = "--detach", description = "With --executor slurm: submit the runnable trials and exit; "
            + "'peft status --store DIR' shows progress, the same command again submits what became runnable")
    boolean detach;

    @Option(names = "--reference-compat", description = "Reproduce the reference code's quirks (learning-rate off-by-one, "
            + "Linear re-initialisation)")
    boolean referenceCompat;

    @Override
    public Integer call() throws InterruptedException {
        PeftConfig config = settings.load(optionSettings());
        boolean slurm = checkExecutorOptions();
        if (estimate && !dryRun) {
            throw new ParameterException(commandSpec.commandLine(), "--estimate goes with --dry-run: it times a few "
                    + "steps instead of running the comparison");
        }
        if (dryRun) {
            dryRun(config, slurm);
            return 0;
        }
        ResultStore store = openStore(config);
        BuildGuard.current(claiming.allowMixedBuilds).check(store);
        int threads = ThreadsOption.count(config);
        TrialExecutor executor;
        if (slurm) {
            run(store, slurmExecutor(store, config));
            if (detach) {
                return 0;
            }
        } else if (parallel > 1) {
            int workerThreads = Math.max(1, threads / parallel);
            executor = new ProcessExecutor(parallel, WorkerCommand.likeThisJvm(PeftCommand.class.getName(),
                    claiming.workerOptions(config, workerThreads), workerThreads).withAbsolutePaths(), claiming.poll());
            run(store, executor);
        } else {
            try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR));
                    TrialClaims claims = claiming.claims()) {
                TrialRunner runner = new TrialRunner(store, registry, EngineSetup.start(config),
                        ImageCache.Options.defaults());
                run(store, new SequentialExecutor(runner, claims, claiming.poll(), claiming.allowMixedBuilds));
            }
        }
        ComparisonResults results = ComparisonResults.read(store);
        SignificanceReport significance = SignificanceReport.of(results, store::readPredictions);
        ResultTable.write(store.root(), results, significance);
        ComparisonReport.write(store);
        commandSpec.commandLine().getOut().print(ResultTable.markdown(results, significance));
        commandSpec.commandLine().getOut().flush();
        LOG.info("results written to {}", store.root().resolve(ResultTable.FILES.get(0)));
        return results.complete() ? 0 : 1;
    }

    /** Prints the plan, the Slurm submission and with --estimate the cost; runs no trial and writes nothing. */
    private void dryRun(PeftConfig config, boolean slurm) {
        PrintWriter out = commandSpec.commandLine().getOut();
        ComparisonSpec spec = resolve(config);
        out.print(PlanSummary.of(spec));
        if (slurm) {
            out.print(SlurmPlan.of(spec, SlurmOptions.of(config)));
        }
        if (estimate) {
            Device engine = EngineSetup.start(config);
            try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR))) {
                out.print(CostEstimate.measure(spec, registry, engine, ThreadsOption.count(config), out)
                        .text(slurm ? 0 : parallel));
            }
        }
        out.flush();
    }

    /** Checks --executor, --detach and --parallel together; true for Slurm. */
    private boolean checkExecutorOptions() {
        if (!executorName.equals("local") && !executorName.equals("slurm")) {
            throw new CommandException("--executor '" + executorName + "' is not known: expected local or slurm");
        }
        boolean slurm = executorName.equals("slurm");
        if (detach && !slurm) {
            throw new CommandException("--detach goes with --executor slurm: local trials need this process");
        }
        if (slurm && parallel > 1) {
            throw new CommandException("--parallel is for --executor local; on Slurm every trial is a job of its own");
        }
        return slurm;
    }

    /** Trial jobs that run like this JVM, with the configured threads (0: the job's CPUs). */
    private SlurmExecutor slurmExecutor(ResultStore store, PeftConfig config) {
        int threads = config.get(Settings.THREADS);
        WorkerCommand command = WorkerCommand.likeThisJvm(PeftCommand.class.getName(),
                claiming.workerOptions(config, threads), threads).withAbsolutePaths();
        return new SlurmExecutor(SlurmClient.commandLine(),
                new SbatchScript(command, threads, sharedPaths(store, config), SlurmOptions.of(config)), detach);
    }

    /** The paths besides the store and class path that a trial job reads: data, checkpoint, plugins. */
    private static List<Path> sharedPaths(ResultStore store, PeftConfig config) {
        List<Path> paths = new ArrayList<>(List.of(Path.of(store.spec().dataRoot())));
        if (store.spec().checkpoint() != null) {
            paths.add(Path.of(store.spec().checkpoint().path()));
        }
        Path plugins = config.get(Settings.PLUGINS_DIR).toAbsolutePath().normalize();
        if (Files.isDirectory(plugins)) {
            paths.add(plugins);
        }
        return paths;
    }

    private static void run(ResultStore store, TrialExecutor executor) throws InterruptedException {
        LOG.info("comparison '{}' ({} protocol) in {}", store.spec().name(), store.spec().protocol().label(), store.root());
        executor.execute(store);
    }

    private ResultStore openStore(PeftConfig config) {
        ParseResult parsed = commandSpec.commandLine().getParseResult();
        boolean specGiven = SPEC_OPTIONS.stream().anyMatch(parsed::hasMatchedOption)
                || settings.properties.keySet().stream().anyMatch(k -> !k.startsWith(SLURM_KEYS));
        if (storeDir != null && !specGiven && ResultStore.exists(storeDir)) {
            return ResultStore.open(storeDir);
        }
        ComparisonSpec spec = resolve(config);
        Path dir = storeDir != null ? storeDir : config.get(Settings.RESULTS_DIR).resolve(spec.name());
        return ResultStore.create(dir, spec);
    }

    private ComparisonSpec resolve(PeftConfig config) {
        if (quick && study) {
            throw new CommandException("--quick and --study exclude each other; pass one of them");
        }
        Benchmark benchmark = benchmark(config);
        boolean quickRun = quick || (!study && benchmark.quickByDefault());
        List<BenchmarkTask> chosen = tasks.isEmpty() ? benchmark.tasks() : tasks.stream()
                .map(t -> benchmark.tasks().stream().filter(b -> b.name().equals(t)).findFirst()
                        .orElse(new BenchmarkTask(t, TaskCatalog.group(t))))
                .toList();
        VitConfig vit = imageSize.applyTo(config.isBuiltInDefault(Settings.MODEL) && benchmark.model() != null
                ? benchmark.model() : VitConfig.preset(config.get(Settings.MODEL), 1));
        Path weights = config.get(Settings.CHECKPOINT).orElse(
                config.isBuiltInDefault(Settings.MODEL) ? benchmark.checkpoint() : null);
        String comparison = name != null ? name : defaultName(benchmark, quickRun);
        List<String> compared = methods.isEmpty() ? benchmark.defaultMethods() : methods;
        try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR))) {
            return SpecResolver.resolve(new SpecResolver.Request(comparison, quickRun, benchmark.dataRoot(), chosen,
                    compared, vit, weights, NormalizationChoice.resolve(normalization, vit, benchmark.normalization()),
                    seeds, microBatch, grids(benchmark.defaultGrids(), compared), config), registry);
        }
    }

    /**
     * The default name: benchmark and protocol, then the methods and tasks when they were chosen,
     * so that comparisons of different subsets get different result folders.
     */
    private String defaultName(Benchmark benchmark, boolean quickRun) {
        List<String> parts = new ArrayList<>(List.of(benchmark.name(), quickRun ? "quick" : "study"));
        parts.addAll(methods);
        parts.addAll(tasks);
        return String.join("-", parts);
    }

    /** The data to run on: --data, else a configured data.root, else the embedded benchmark. */
    private Benchmark benchmark(PeftConfig config) {
        if (manyShot.enabled) {
            return manyShot.benchmark(data, config.get(Settings.RESULTS_DIR), config.get(Settings.SEED));
        }
        Path root = data != null ? data
                : config.isBuiltInDefault(Settings.DATA_ROOT) ? null : config.get(Settings.DATA_ROOT);
        if (root != null) {
            Path abs = root.toAbsolutePath().normalize();
            return Benchmark.folder(abs.getFileName() == null ? "data" : abs.getFileName().toString(), abs,
                    TaskCatalog.discover(abs));
        }
        return BenchmarkSource.discover().orElseThrow(() -> new IllegalArgumentException("no data to compare on: pass "
                + "--data DIR, a folder with one VTAB-1K task folder per task (each holding train800.txt, val200.txt, "
                + "train800val200.txt and test.txt); this build has no embedded benchmark"));
    }

    /** The settings given through this command's options, over -D, the file and the defaults. */
    private ConfigOptions.Overrides optionSettings() {
        return device.addTo(new ConfigOptions.Overrides().set(Settings.MODEL, model).set(Settings.CHECKPOINT, checkpoint)
                .set(Settings.EPOCHS, epochs).set(Settings.LR_GRID, lrGrid).set(Settings.WD_GRID, wdGrid)
                .set(Settings.REFERENCE_COMPAT, referenceCompat ? Boolean.TRUE : null));
    }

    /**
     * The grids replaced: the benchmark's defaults for the compared methods, then the --set options.
     */
    private Map<String, Map<String, List<String>>> grids(Map<String, Map<String, List<String>>> benchmarkDefaults,
            List<String> compared) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        benchmarkDefaults.forEach((method, grid) -> {
            if (compared.contains(method)) {
                out.put(method, new LinkedHashMap<>(grid));
            }
        });
        gridOverrides().forEach((method, grid) -> out.computeIfAbsent(method, m -> new LinkedHashMap<>()).putAll(grid));
        return out;
    }

    /** Parses the --set options into method → key → values. */
    private Map<String, Map<String, List<String>>> gridOverrides() {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (String setting : gridSettings) {
            int eq = setting.indexOf('=');
            int dot = setting.indexOf('.');
            if (eq < 0 || dot < 1 || dot > eq - 2 || eq == setting.length() - 1) {
                throw new IllegalArgumentException("--set '" + setting + "' is not valid: expected METHOD.KEY=V1[,V2...], "
                        + "e.g. lora.rank=4,8");
            }
            List<String> values = List.of(setting.substring(eq + 1).split(",")).stream().map(String::trim)
                    .collect(Collectors.toList());
            out.computeIfAbsent(setting.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(setting.substring(dot + 1, eq), values);
        }
        return out;
    }
}
