package org.peft4j.eval.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tuning trials of a comparison: for every task and method, the grid learning rate (outer) ×
 * the method's grid × weight decay (inner), each with the comparison's shared recipe and seed.
 * Every method gets the same epochs and the same learning-rate and weight-decay grid.
 */
public final class ComparisonPlan {

    private final ComparisonSpec spec;
    private final List<TrialGroup> groups;

    private ComparisonPlan(ComparisonSpec spec, List<TrialGroup> groups) {
        this.spec = spec;
        this.groups = groups;
    }

    /**
     * Plans a comparison.
     *
     * @param spec the resolved comparison
     * @return the plan, groups task by task, methods in spec order
     */
    public static ComparisonPlan of(ComparisonSpec spec) {
        List<TrialGroup> groups = new ArrayList<>();
        for (TaskSpec task : spec.tasks()) {
            for (MethodSpec method : spec.methods()) {
                groups.add(new TrialGroup(task, method, tuningTrials(spec, task, method)));
            }
        }
        return new ComparisonPlan(spec, List.copyOf(groups));
    }

    private static List<TuningTrial> tuningTrials(ComparisonSpec spec, TaskSpec task, MethodSpec method) {
        Map<String, TuningTrial> trials = new LinkedHashMap<>();
        for (double lr : spec.lrGrid()) {
            for (Map<String, String> point : method.grid()) {
                for (double wd : spec.wdGrid()) {
                    TrialSettings settings = new TrialSettings(spec.protocol(),
                            spec.model().withClasses(task.numClasses()).withDropPath(0f), spec.checkpoint(),
                            Path.of(spec.dataRoot()).toString(), spec.normalization(), task, method.name(),
                            method.version(), method.spiVersion(), point,
                            spec.recipe().recipe(lr, wd, spec.seed(), spec.referenceCompat()), spec.referenceCompat());
                    TuningTrial trial = new TuningTrial(settings, trials.size());
                    trials.putIfAbsent(trial.id(), trial);
                }
            }
        }
        return List.copyOf(trials.values());
    }

    /**
     * The comparison planned.
     *
     * @return the spec
     */
    public ComparisonSpec spec() {
        return spec;
    }

    /**
     * The (method, task) groups.
     *
     * @return groups task by task
     */
    public List<TrialGroup> groups() {
        return groups;
    }

    /**
     * Every tuning trial.
     *
     * @return trials in group order
     */
    public List<TuningTrial> tuningTrials() {
        return groups.stream().flatMap(g -> g.tuning().stream()).toList();
    }
}
