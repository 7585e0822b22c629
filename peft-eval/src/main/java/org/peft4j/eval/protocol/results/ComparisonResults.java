package org.peft4j.eval.protocol.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.MethodSpec;
import org.peft4j.eval.protocol.Selection;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.ComparisonState;
import org.peft4j.eval.protocol.store.GroupState;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * The results of a comparison as stored: for every method × task, the final records of the
 * selected configuration summarised into a {@link ResultCell}.
 *
 * @param spec the comparison
 * @param cells one per (task, method), in plan order (task by task)
 * @param builds the builds that wrote the records, see {@link ResultBuild}
 */
public record ComparisonResults(ComparisonSpec spec, List<ResultCell> cells, List<ResultBuild> builds) {

    /** Copies the lists. */
    public ComparisonResults {
        cells = List.copyOf(cells);
        builds = List.copyOf(builds);
    }

    /**
     * Results without build information.
     *
     * @param spec the comparison
     * @param cells one per (task, method)
     */
    public ComparisonResults(ComparisonSpec spec, List<ResultCell> cells) {
        this(spec, cells, List.of());
    }

    /**
     * Reads the results of a store.
     *
     * @param store the store
     * @return the results (cells of unfinished groups are pending)
     */
    public static ComparisonResults read(ResultStore store) {
        return of(store.spec(), new ComparisonState(store).refresh());
    }

    /**
     * Summarises group states.
     *
     * @param spec the comparison
     * @param groups the states, in plan order
     * @return the results
     */
    public static ComparisonResults of(ComparisonSpec spec, List<GroupState> groups) {
        List<TrialRecord> records = groups.stream()
                .flatMap(g -> Stream.concat(g.tuningRecords().stream(), g.finalRecords().stream())).toList();
        return new ComparisonResults(spec, groups.stream().map(ComparisonResults::cell).toList(),
                ResultBuild.of(records));
    }

    /**
     * The cell of a method on a task.
     *
     * @param method the method's name
     * @param task the task's name
     * @return the cell, if both are part of the comparison
     */
    public Optional<ResultCell> cell(String method, String task) {
        return cells.stream().filter(c -> c.method().equals(method) && c.task().equals(task)).findFirst();
    }

    /**
     * The method names in report order.
     *
     * @return names
     */
    public List<String> methods() {
        return spec.methods().stream().map(MethodSpec::name).toList();
    }

    /**
     * The task names in report order.
     *
     * @return names
     */
    public List<String> tasks() {
        return spec.tasks().stream().map(TaskSpec::name).toList();
    }

    /**
     * Whether every cell is finished (ok, diverged or failed).
     *
     * @return true when nothing is pending
     */
    public boolean complete() {
        return cells.stream().noneMatch(c -> c.status() == CellStatus.PENDING);
    }

    private static ResultCell cell(GroupState g) {
        String method = g.group().method().name();
        TaskSpec task = g.group().task();
        int tuningOk = (int) g.tuningRecords().stream().filter(r -> r.status() == TrialStatus.OK).count();
        int tuningFailed = (int) g.tuningRecords().stream().filter(r -> r.status() == TrialStatus.FAILED).count();
        int tuning = g.group().tuning().size();
        if (!g.tuningDone()) {
            return empty(method, task, CellStatus.PENDING, "", tuning, tuningOk, tuningFailed);
        }
        Optional<Selection> selection = g.selection();
        if (selection.isEmpty()) {
            List<TrialRecord> records = g.tuningRecords();
            boolean allFailed = records.stream().allMatch(r -> r.status() == TrialStatus.FAILED);
            TrialStatus shown = allFailed ? TrialStatus.FAILED : TrialStatus.DIVERGED;
            String first = records.stream().filter(r -> r.status() == shown).map(TrialRecord::message).findFirst()
                    .orElse("");
            return empty(method, task, allFailed ? CellStatus.FAILED : CellStatus.DIVERGED,
                    "no tuning trial ended ok; " + first, tuning, tuningOk, tuningFailed);
        }
        List<TrialRecord> finals = g.finalRecords();
        List<Double> accuracies = finals.stream().filter(r -> r.status() == TrialStatus.OK)
                .map(r -> r.metrics().accuracy()).toList();
        List<TrialRecord> bad = finals.stream().filter(r -> r.status() != TrialStatus.OK).toList();
        CellStatus status = finals.size() < g.finals().size() ? CellStatus.PENDING
                : bad.stream().anyMatch(r -> r.status() == TrialStatus.FAILED) ? CellStatus.FAILED
                : bad.isEmpty() ? CellStatus.OK : CellStatus.DIVERGED;
        String message = bad.stream().map(r -> "final seed " + r.settings().recipe().seed() + " "
                + r.status().label() + ": " + r.message()).findFirst().orElse("");
        Selection s = selection.get();
        TrialSettings chosen = s.winner().trial().settings();
        return new ResultCell(method, task.name(), task.group(), status, message, accuracies, mean(accuracies),
                std(accuracies), s.winner().insertedParameters(), chosen.hyperparameters(), chosen.recipe().lr(),
                chosen.recipe().weightDecay(), s.winner().valAccuracy(), s.winner().trialId(),
                g.finals().stream().map(f -> f.id()).toList(), tuning, tuningOk, tuningFailed);
    }

    private static ResultCell empty(String method, TaskSpec task, CellStatus status, String message, int tuning,
            int tuningOk, int tuningFailed) {
        return new ResultCell(method, task.name(), task.group(), status, message, List.of(), null, null, null, Map.of(),
                null, null, null, null, List.of(), tuning, tuningOk, tuningFailed);
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double std(List<Double> values) {
        if (values.size() < 2) {
            return null;
        }
        double m = mean(values);
        double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / (values.size() - 1));
    }
}
