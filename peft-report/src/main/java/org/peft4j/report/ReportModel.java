package org.peft4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.peft4j.eval.analysis.Ranking;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultBuild;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.TrialRecord;

/**
 * The numbers of a report: per method, the per-task accuracies, group means, the plain mean over
 * tasks, the average rank, the inserted parameters and the cost of the final runs.
 *
 * @param comparison the comparison's name
 * @param protocol study or quick
 * @param seeds final runs per (method, task)
 * @param tasks the tasks in report order
 * @param groups the task groups in report order: natural, specialized, structured first, then
 *     others in order of appearance
 * @param rows one per method, in the comparison's order
 * @param complete whether no cell is pending
 * @param builds the builds that wrote the trial records
 * @param preprocessing how the images were prepared ({@code ComparisonSpec.preprocessingSentence})
 */
public record ReportModel(String comparison, ProtocolKind protocol, int seeds, List<TaskSpec> tasks,
        List<String> groups, List<MethodRow> rows, boolean complete, List<ResultBuild> builds, String preprocessing) {

    /** The VTAB-1K groups, in the order the study reports them. */
    public static final List<String> VTAB_GROUPS = List.of("natural", "specialized", "structured");

    /** Copies the lists. */
    public ReportModel {
        tasks = List.copyOf(tasks);
        groups = List.copyOf(groups);
        rows = List.copyOf(rows);
        builds = List.copyOf(builds);
    }

    /**
     * Computes the report's numbers.
     *
     * @param results the comparison's result cells
     * @param records looks a trial's record up by id (for parameters, times and memory)
     * @return the model
     */
    public static ReportModel of(ComparisonResults results, Function<String, Optional<TrialRecord>> records) {
        List<TaskSpec> tasks = results.spec().tasks();
        List<String> groups = groups(tasks);
        List<String> methods = results.methods();
        double[][] ranks = new double[tasks.size()][];
        for (int t = 0; t < tasks.size(); t++) {
            String task = tasks.get(t).name();
            ranks[t] = Ranking.fractional(methods.stream()
                    .mapToDouble(m -> accuracy(results.cell(m, task).orElse(null))).toArray());
        }
        List<MethodRow> rows = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            String method = methods.get(m);
            Map<String, ResultCell> cells = new LinkedHashMap<>();
            tasks.forEach(t -> cells.put(t.name(), results.cell(method, t.name()).orElseThrow()));
            Map<String, Double> groupMeans = new LinkedHashMap<>();
            for (String g : groups) {
                groupMeans.put(g, mean(tasks.stream().filter(t -> t.group().equals(g))
                        .map(t -> cells.get(t.name())).toList()));
            }
            double rank = 0;
            for (double[] taskRanks : ranks) {
                rank += taskRanks[m] / tasks.size();
            }
            rows.add(row(method, cells, groupMeans, rank, records));
        }
        return new ReportModel(results.spec().name(), results.spec().protocol(), results.spec().seeds(), tasks, groups,
                rows, results.complete(), results.builds(), results.spec().preprocessingSentence());
    }

    private static MethodRow row(String method, Map<String, ResultCell> cells, Map<String, Double> groupMeans,
            double rank, Function<String, Optional<TrialRecord>> records) {
        List<TrialRecord> finals = cells.values().stream().flatMap(c -> c.finalTrials().stream())
                .map(records).flatMap(Optional::stream).toList();
        List<Long> inserted = cells.values().stream().map(ResultCell::insertedParameters).filter(Objects::nonNull)
                .toList();
        Double params = inserted.isEmpty() ? null : inserted.stream().mapToLong(Long::longValue).average().orElseThrow();
        Double percent = finals.stream().map(TrialRecord::parameters).filter(Objects::nonNull).findFirst()
                .filter(p -> p.backbone() > 0 && params != null).map(p -> 100.0 * params / p.backbone()).orElse(null);
        List<TrialRecord> timed = finals.stream().filter(r -> r.timing() != null && r.status() != TrialStatus.FAILED)
                .toList();
        Double seconds = timed.isEmpty() ? null
                : timed.stream().mapToDouble(r -> r.timing().trainSeconds()).average().orElseThrow();
        Double peak = finals.stream().filter(r -> r.memory() != null && r.memory().peakRssMib() >= 0)
                .mapToDouble(r -> r.memory().peakRssMib()).boxed().max(Double::compare).orElse(null);
        return new MethodRow(method, cells, groupMeans, mean(List.copyOf(cells.values())), rank, params, percent,
                seconds, peak, MethodCosts.of(finals));
    }

    /** The cell's mean test accuracy when it ended ok, else NaN. */
    static double accuracy(ResultCell cell) {
        return cell != null && cell.status() == CellStatus.OK && cell.meanAccuracy() != null ? cell.meanAccuracy()
                : Double.NaN;
    }

    /** The plain mean of the cells' accuracies, or null when one has none (or there are no cells). */
    private static Double mean(List<ResultCell> cells) {
        if (cells.isEmpty() || cells.stream().anyMatch(c -> Double.isNaN(accuracy(c)))) {
            return null;
        }
        return cells.stream().mapToDouble(ReportModel::accuracy).average().orElseThrow();
    }

    private static List<String> groups(List<TaskSpec> tasks) {
        LinkedHashSet<String> present = new LinkedHashSet<>();
        tasks.forEach(t -> present.add(t.group()));
        List<String> out = new ArrayList<>(VTAB_GROUPS.stream().filter(present::contains).toList());
        present.stream().filter(g -> !out.contains(g)).forEach(out::add);
        return out;
    }

    /**
     * The title suffix every table and plot carries.
     *
     * @return e.g. {@code [quick protocol]}
     */
    public String protocolTag() {
        return "[" + protocol.label() + " protocol]";
    }

    /**
     * A method's row.
     *
     * @param method the method
     * @return the row
     */
    public MethodRow row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method '" + method + "' in the report"));
    }
}
