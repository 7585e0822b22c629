package org.peft4j.report;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * The costs of a method's final runs that records keep beside parameters, train time and peak
 * resident memory (see {@link TrialRecord.Costs}); every value is null where no final run recorded
 * it (records written before costs were kept, failed runs, methods that cannot merge).
 *
 * @param epochSeconds mean training time of one epoch (s) over the final runs
 * @param gpuMemoryMib largest GPU memory in use after a final run (MiB); null on the CPU
 * @param unmergedImagesPerSecond mean inference throughput with the method's modules in place
 * @param mergedImagesPerSecond mean inference throughput after merging; null for a method that cannot merge
 */
public record MethodCosts(Double epochSeconds, Double gpuMemoryMib, Double unmergedImagesPerSecond,
        Double mergedImagesPerSecond) {

    /**
     * Summarises the costs of final runs.
     *
     * @param finals the records of a method's final runs, on every task
     * @return the costs
     */
    static MethodCosts of(List<TrialRecord> finals) {
        List<TrialRecord.Costs> costs = finals.stream().filter(r -> r.status() != TrialStatus.FAILED)
                .map(TrialRecord::costs).filter(Objects::nonNull).toList();
        List<TrialRecord.Inference> inference = costs.stream().map(TrialRecord.Costs::inference)
                .filter(Objects::nonNull).toList();
        Double gpu = costs.stream().mapToDouble(TrialRecord.Costs::gpuMemoryMib).filter(m -> m >= 0).boxed()
                .max(Double::compare).orElse(null);
        return new MethodCosts(mean(costs, TrialRecord.Costs::epochSeconds), gpu,
                mean(inference, TrialRecord.Inference::unmergedImagesPerSecond),
                mean(inference, TrialRecord.Inference::mergedImagesPerSecond));
    }

    /** The mean of the positive values (the others mean "not measured"), or null when there is none. */
    private static <T> Double mean(List<T> items, ToDoubleFunction<T> value) {
        double[] measured = items.stream().mapToDouble(value).filter(v -> v > 0).toArray();
        return measured.length == 0 ? null : java.util.Arrays.stream(measured).average().orElseThrow();
    }

    /**
     * The throughput of the model one would deploy: merged where the method merges, else unmerged.
     *
     * @return images per second, or null when not measured
     */
    public Double deployedImagesPerSecond() {
        return mergedImagesPerSecond != null ? mergedImagesPerSecond : unmergedImagesPerSecond;
    }
}
