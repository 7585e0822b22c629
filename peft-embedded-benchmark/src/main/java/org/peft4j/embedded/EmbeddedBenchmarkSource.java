package org.peft4j.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.peft4j.eval.protocol.Benchmark;
import org.peft4j.eval.protocol.BenchmarkSource;
import org.peft4j.eval.protocol.BenchmarkTask;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Offers the built-in benchmark to {@code peft compare} when no data is named: its six generated
 * tasks (generated on first use), the shipped {@code vit-micro} backbone, the quick protocol and
 * {@link #DEFAULT_METHODS}.
 */
public final class EmbeddedBenchmarkSource implements BenchmarkSource {

    /** The methods compared by default: one or two of each family of the study. */
    public static final List<String> DEFAULT_METHODS = List.of("linear", "full", "bitfit", "ln", "lora", "adaptformer",
            "vpt_deep", "ssf");

    /**
     * Grids that replace the methods' own on this benchmark: VPT-deep's default of 50 prompts is
     * sized for 196 patches; {@code vit-micro} sees 16, so 10 prompts keep a similar share of the
     * tokens (and the step time within the quick budget).
     */
    public static final Map<String, Map<String, List<String>>> DEFAULT_GRIDS =
            Map.of("vpt_deep", Map.of("prompts", List.of("10")));

    /** The benchmark's name, the start of its result store's name. */
    public static final String NAME = "embedded";

    private final EmbeddedBenchmark benchmark;

    /** The benchmark in its default cache folder ({@link EmbeddedBenchmark#defaultCacheDir()}). */
    public EmbeddedBenchmarkSource() {
        this(EmbeddedBenchmark.atDefaultLocation());
    }

    /**
     * A source of the given benchmark.
     *
     * @param benchmark the built-in benchmark in some cache folder
     */
    public EmbeddedBenchmarkSource(EmbeddedBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public Optional<Benchmark> benchmark() {
        List<BenchmarkTask> tasks = benchmark.tasks().stream()
                .map(t -> new BenchmarkTask(t.name(), t.group().name().toLowerCase(Locale.ROOT)))
                .toList();
        return Optional.of(new Benchmark(NAME, benchmark.dataRoot(), tasks, VitConfig.preset(benchmark.modelPreset(), 1),
                benchmark.checkpoint(), benchmark.normalization(), DEFAULT_METHODS, true, DEFAULT_GRIDS));
    }
}
