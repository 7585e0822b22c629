package org.peft4j.report;

import java.util.Locale;
import java.util.function.Function;

/**
 * A cost that accuracy is weighed against in the report's Pareto plots and fronts; lower is
 * better for every one.
 */
enum CostMeasure {
    /** Inserted parameters (head excluded); the one cost that can be 0 (linear probing). */
    PARAMETERS("params", "inserted parameters", "inserted parameters (log scale; head excluded)", "#,##0",
            MethodRow::insertedParameters),
    /** Mean training time of one epoch. */
    EPOCH_TIME("epoch-time", "training time per epoch", "training time per epoch (s, log scale)", "#,##0.###",
            r -> r.costs().epochSeconds()),
    /** Largest peak resident set (host memory) of the final runs. */
    PEAK_MEMORY("memory", "peak host memory", "peak resident memory (MiB, log scale)", "#,##0",
            MethodRow::peakRssMib),
    /** GPU memory in use after the final runs; only for runs on a GPU. */
    GPU_MEMORY("gpu-memory", "GPU memory", "GPU memory in use after training (MiB, log scale)", "#,##0",
            r -> r.costs().gpuMemoryMib()),
    /** Inference time per image of the deployed model (merged where the method merges). */
    INFERENCE_TIME("inference-time", "inference time", "inference time (ms per image, log scale; merged where "
            + "the method merges)", "#,##0.###", r -> {
                Double ips = r.costs().deployedImagesPerSecond();
                return ips == null ? null : 1000 / ips;
            });

    private final String key;
    private final String title;
    private final String axisTitle;
    private final String axisPattern;
    private final Function<MethodRow, Double> value;

    CostMeasure(String key, String title, String axisTitle, String axisPattern, Function<MethodRow, Double> value) {
        this.key = key;
        this.title = title;
        this.axisTitle = axisTitle;
        this.axisPattern = axisPattern;
        this.value = value;
    }

    /** @return the plot's file name, e.g. {@code accuracy-vs-params.png} */
    String plotFile() {
        return "accuracy-vs-" + key + ".png";
    }

    /** @return the cost in words, e.g. "training time per epoch" */
    String title() {
        return title;
    }

    /** @return the x axis title */
    String axisTitle() {
        return axisTitle;
    }

    /** @return the x axis number pattern */
    String axisPattern() {
        return axisPattern;
    }

    /**
     * A method's cost.
     *
     * @param row the method's row
     * @return the cost, or null where it was not measured
     */
    Double value(MethodRow row) {
        return value.apply(row);
    }

    /**
     * A cost for a legend or a table, e.g. {@code 12.3K}, {@code 0.84 s}, {@code 512 MiB}.
     *
     * @param v the cost
     * @return the text
     */
    String format(double v) {
        return switch (this) {
            case PARAMETERS -> Numbers.millions(v);
            case EPOCH_TIME -> String.format(Locale.ROOT, "%.3g s", v);
            case PEAK_MEMORY, GPU_MEMORY -> String.format(Locale.ROOT, "%.0f MiB", v);
            case INFERENCE_TIME -> String.format(Locale.ROOT, "%.3g ms", v);
        };
    }
}
