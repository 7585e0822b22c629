package org.peft4j.eval.protocol;

import java.nio.file.Path;
import java.util.List;
import org.peft4j.runtime.vit.VitConfig;

/**
 * A ready-to-run benchmark: where its data is, its tasks, and the backbone to start from.
 *
 * @param name a short name, used to name the result store
 * @param dataRoot folder with one VTAB-1K-layout folder per task
 * @param tasks the tasks, in report order
 * @param model the backbone architecture
 * @param checkpoint its pretrained weights, or null for a random backbone
 */
public record Benchmark(String name, Path dataRoot, List<BenchmarkTask> tasks, VitConfig model, Path checkpoint) {

    /** Copies the list. */
    public Benchmark {
        tasks = List.copyOf(tasks);
    }
}
