package org.peft4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peft4j.eval.bench.StepBenchmark;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.config.Settings;
import org.peft4j.runtime.pipeline.MethodSetup;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peft bench}: times training steps and prints one JSON line like bench_step.py. */
@Command(name = "bench",
        description = {"Time training steps or inference on random inputs, as bench_step.py does.",
                "Prints one JSON line with the keys of the PyTorch reference bench_step.py."},
        footer = {"", "Examples:",
                "  peft bench --model vit-tiny --method full --batch 32 --steps 20 --warmup 3 --threads 2",
                "  peft bench --model vit-s16 --method lora --batch 8 --steps 5 --warmup 2 --threads 2",
                "  peft bench --model vit-b16 --method full --batch 8 --steps 3 --infer",
                "  peft bench --model vit-tiny --method lora --steps 1000 --rss-at 100,1000",
                "  peft bench --model vit-s16 --method lora --batch 8 --merged",
                "  peft bench --model vit-tiny --method vpt_shallow --set prompts=10"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "vit-tiny", description = "Backbone preset, any of docs/backbones.md, e.g. vit-tiny, vit-b16, dinov2-s14, clip-b16 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--method", defaultValue = "full",
            description = "Any registered method; 'adapter' means the reference's AdaptFormer adapter "
                    + "(bottleneck 8, scale 0.1) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--classes", defaultValue = "10", description = "Classes of the head (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--rank", defaultValue = "8", description = "LoRA rank (default: ${DEFAULT-VALUE})")
    int rank;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A hyperparameter of the method (repeatable), e.g. prompts=10; overrides --rank")
    Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--drop-path", defaultValue = "0", description = "Drop path rate (default: ${DEFAULT-VALUE})")
    float dropPath;

    @Mixin
    ConfigOptions settings;

    @Option(names = "--infer", description = "Time the forward pass only (eval mode, no autograd)")
    boolean infer;

    @Option(names = "--merged", description = "Time the forward pass of the method merged into the backbone "
            + "(mergeable methods only; implies --infer)")
    boolean merged;

    @Option(names = "--rss-at", split = ",", description = "Record the current RSS after these timed steps, "
            + "e.g. 100,1000 to check that memory stays flat in a long run")
    java.util.Set<Integer> rssAt = new java.util.TreeSet<>();

    @Override
    public Integer call() {
        PeftConfig config = settings.load(threads.addTo(new ConfigOptions.Overrides()));
        int count = ThreadsOption.count(config);
        EngineSetup.threads(count);
        StepBenchmark.Settings bench = new StepBenchmark.Settings(
                model, method, batch, steps, warmup, count, classes, infer || merged, merged, seed, dropPath, rssAt);
        try (MethodRegistry registry = MethodRegistry.discover(config.get(Settings.PLUGINS_DIR))) {
            MethodInstance instance = MethodSetup.create(registry, benchMethod(), benchHyperparameters());
            spec.commandLine().getOut().println(StepBenchmark.run(bench, instance.method()).toJson());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String benchMethod() {
        return method.equals("adapter") ? "adaptformer" : method;
    }

    private Map<String, String> benchHyperparameters() {
        Map<String, String> hp = new LinkedHashMap<>();
        switch (method) {
            case "lora" -> hp.put("rank", String.valueOf(rank));
            case "adapter" -> {
                hp.put("bottleneck", "8");
                hp.put("scale", "0.1");
            }
            default -> { }
        }
        hp.putAll(hyperparameters);
        return hp;
    }
}
