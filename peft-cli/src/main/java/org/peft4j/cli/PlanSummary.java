package org.peft4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.peft4j.eval.protocol.ComparisonPlan;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.TrainingSteps;
import org.peft4j.eval.protocol.TrialGroup;

/** The plan of a comparison in a few lines, for {@code peft compare --dry-run}. */
final class PlanSummary {

    private static final int POINTS_SHOWN = 3;

    private PlanSummary() {}

    /** A method's grid: its points when there are few, else their number. */
    private static String grid(List<Map<String, String>> points) {
        if (points.size() > POINTS_SHOWN) {
            return points.size() + " points";
        }
        return points.stream().map(p -> p.isEmpty() ? "(no hyperparameter)" : p.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" | "));
    }

    /** The training steps and evaluated images of each method and of all, from the tasks' list files. */
    private static String steps(ComparisonSpec spec) {
        List<TrainingSteps> counts = TrainingSteps.of(spec);
        List<String[]> rows = new ArrayList<>();
        for (TrainingSteps c : counts) {
            rows.add(row(c));
        }
        rows.add(row(TrainingSteps.total("total", counts)));
        return String.format(Locale.ROOT, "training steps (%d epochs of full batches of %d: train800 per tuning trial, "
                + "train800val200 per final trial; then val200 or test evaluated once):%n", spec.recipe().epochs(),
                spec.recipe().batchSize()) + String.join(System.lineSeparator(), Formats.table("  ", rows))
                + System.lineSeparator();
    }

    private static String[] row(TrainingSteps c) {
        return new String[] {c.method(), Formats.count(c.trials()) + " trials", Formats.count(c.trainingSteps()) + " steps",
            Formats.count(c.evaluatedImages()) + " images evaluated"};
    }

    /**
     * Describes what a comparison would run.
     *
     * @param spec the resolved comparison
     * @return the text, one fact per line
     */
    static String of(ComparisonSpec spec) {
        ComparisonPlan plan = ComparisonPlan.of(spec);
        int tuning = plan.groups().stream().mapToInt(g -> g.tuning().size()).sum();
        int finals = plan.groups().size() * spec.seeds();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "comparison %s (%s protocol)%n", spec.name(), spec.protocol().label()));
        out.append(String.format(Locale.ROOT, "data %s (pixels: %s)%n", spec.dataRoot(),
                spec.normalization().name().toLowerCase(Locale.ROOT)));
        out.append(String.format(Locale.ROOT, "tasks (%d): %s%n", spec.tasks().size(), spec.tasks().stream()
                .map(t -> t.name() + " [" + t.group() + ", " + t.numClasses() + " classes]")
                .collect(Collectors.joining(", "))));
        out.append(String.format(Locale.ROOT, "model %s, checkpoint %s%n", spec.model().name(),
                spec.checkpoint() == null ? "none (random initialisation)"
                        : spec.checkpoint().path() + " (sha256 " + spec.checkpoint().sha256() + ")"));
        out.append(String.format(Locale.ROOT, "budget: %d epochs, batch %d, lr %s, weight decay %s, %d seed(s)%n",
                spec.recipe().epochs(), spec.recipe().batchSize(), spec.lrGrid(), spec.wdGrid(), spec.seeds()));
        out.append(String.format(Locale.ROOT, "methods (%d):%n", spec.methods().size()));
        for (TrialGroup group : plan.groups().subList(0, spec.methods().size())) {
            out.append(String.format(Locale.ROOT, "  %-12s %d tuning trial(s) per task, grid %s%n", group.method().name(),
                    group.tuning().size(), grid(group.method().grid())));
        }
        out.append(steps(spec));
        out.append(String.format(Locale.ROOT, "trials: %d tuning + %d final = %d; nothing was run (--dry-run)%n",
                tuning, finals, tuning + finals));
        return out.toString();
    }
}
