package org.peft4j.eval.protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A ready-to-run benchmark: where its data is, its tasks, the backbone to start from, and what
 * {@code peft compare} runs on it when the user names nothing.
 *
 * @param name a short name, used to name the result store
 * @param dataRoot folder with one VTAB-1K-layout folder per task
 * @param tasks the tasks, in report order
 * @param model the backbone architecture, or null for the configured one
 * @param checkpoint its pretrained weights, or null for the configured ones
 * @param normalization the pixel normalisation the backbone expects
 * @param defaultMethods the methods compared when none is named; empty for every registered method
 * @param quickByDefault whether the quick protocol is the default on this benchmark
 * @param defaultGrids method → hyperparameter → values that replace a method's own grid on this
 *     benchmark unless the user sets that hyperparameter (e.g. fewer prompts for a backbone with
 *     few tokens)
 */
public record Benchmark(String name, Path dataRoot, List<BenchmarkTask> tasks, VitConfig model, Path checkpoint,
        Normalization normalization, List<String> defaultMethods, boolean quickByDefault,
        Map<String, Map<String, List<String>>> defaultGrids) {

    /** Copies the collections. */
    public Benchmark {
        tasks = List.copyOf(tasks);
        defaultMethods = List.copyOf(defaultMethods);
        defaultGrids = Map.copyOf(defaultGrids);
        Objects.requireNonNull(normalization, "normalization");
    }

    /**
     * A folder of the user's tasks: the configured backbone, pixels as they are (processed
     * VTAB-1K), every registered method, the study protocol.
     *
     * @param name the benchmark's name
     * @param dataRoot its folder
     * @param tasks its tasks
     * @return the benchmark
     */
    public static Benchmark folder(String name, Path dataRoot, List<BenchmarkTask> tasks) {
        return new Benchmark(name, dataRoot, tasks, null, null, Normalization.NONE, List.of(), false, Map.of());
    }
}
