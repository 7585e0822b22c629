package org.peft4j.eval.protocol;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.runtime.data.VtabDataset;

/**
 * The work of a comparison per method, counted from its plan and the line counts of its tasks'
 * list files: a tuning trial trains {@code epochs × ⌊train800 / batch⌋} steps (drop_last, as the
 * trainer does) and evaluates val200; a final trial trains on train800val200 and evaluates test, once
 * per seed.
 *
 * @param method the method
 * @param tuningTrials its tuning trials over all tasks
 * @param finalTrials its final trials over all tasks and seeds
 * @param trainingSteps optimizer steps of all those trials
 * @param evaluatedImages images evaluated once by all those trials
 * @param longestTrialSteps training steps of its longest tuning trial plus its longest final trial
 */
public record TrainingSteps(String method, int tuningTrials, int finalTrials, long trainingSteps, long evaluatedImages,
        long longestTrialSteps) {

    /**
     * Counts the work of every method of a comparison.
     *
     * @param spec the resolved comparison
     * @return one count per method, in spec order
     */
    public static List<TrainingSteps> of(ComparisonSpec spec) {
        Map<String, TrainingSteps> counts = new LinkedHashMap<>();
        spec.methods().forEach(m -> counts.put(m.name(), new TrainingSteps(m.name(), 0, 0, 0, 0, 0)));
        Map<String, Integer> sizes = new HashMap<>();
        int epochs = spec.recipe().epochs();
        for (TrialGroup group : ComparisonPlan.of(spec).groups()) {
            Path dir = Path.of(spec.dataRoot()).resolve(group.task().name());
            long tuningSteps = epochs * steps(spec, sizes, dir, "train800");
            long finalSteps = epochs * steps(spec, sizes, dir, "train800val200");
            int tuning = group.tuning().size();
            TrainingSteps work = new TrainingSteps(group.method().name(), tuning, spec.seeds(),
                    tuning * tuningSteps + spec.seeds() * finalSteps,
                    tuning * (long) size(sizes, dir, "val200") + spec.seeds() * (long) size(sizes, dir, "test"),
                    tuningSteps + finalSteps);
            counts.merge(work.method(), work, TrainingSteps::plus);
        }
        return List.copyOf(counts.values());
    }

    /**
     * The sum of several counts.
     *
     * @param name the name of the sum
     * @param counts the counts
     * @return their trials, steps and images added, the longest trial the longest of them
     */
    public static TrainingSteps total(String name, List<TrainingSteps> counts) {
        return counts.stream().reduce(new TrainingSteps(name, 0, 0, 0, 0, 0), TrainingSteps::plus);
    }

    /**
     * All trials of the method.
     *
     * @return tuning and final trials
     */
    public int trials() {
        return tuningTrials + finalTrials;
    }

    private TrainingSteps plus(TrainingSteps other) {
        return new TrainingSteps(method, tuningTrials + other.tuningTrials, finalTrials + other.finalTrials,
                trainingSteps + other.trainingSteps, evaluatedImages + other.evaluatedImages,
                Math.max(longestTrialSteps, other.longestTrialSteps));
    }

    private static long steps(ComparisonSpec spec, Map<String, Integer> sizes, Path dir, String split) {
        return spec.recipe().recipe(spec.lrGrid().get(0), spec.wdGrid().get(0), spec.seed(), false)
                .dropLastSteps(size(sizes, dir, split));
    }

    /** The examples of a split, from its list file, read once per file. */
    private static int size(Map<String, Integer> sizes, Path dir, String split) {
        return sizes.computeIfAbsent(dir.resolve(split).toString(),
                k -> VtabDataset.readSplit(dir, split, 1).samples().size());
    }
}
