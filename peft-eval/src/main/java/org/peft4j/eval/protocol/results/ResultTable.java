package org.peft4j.eval.protocol.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.peft4j.eval.protocol.Json;
import org.peft4j.eval.protocol.ProtocolKind;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * The result table of a comparison: methods × tasks test accuracy (mean ± std over seeds; with
 * {@link CellMarks} also the 95% interval and the best and not significantly worse methods), the
 * plain mean over tasks, and the inserted parameters, as an aligned Markdown table (printed and
 * written as {@code results.md}), a long-format {@code results.csv} and {@code results.json}.
 */
public final class ResultTable {

    /** File names written by {@link #write}. */
    public static final List<String> FILES = List.of("results.md", "results.csv", "results.json");

    private ResultTable() {}

    /**
     * The Markdown table with its heading lines, bare numbers.
     *
     * @param results the results
     * @return the text
     */
    public static String markdown(ComparisonResults results) {
        return markdown(results, CellMarks.NONE);
    }

    /**
     * The Markdown table with its heading lines, each ok cell marked (interval, best, not
     * significantly worse) and the marks' legend under the table.
     *
     * @param results the results
     * @param marks the marks, e.g. a {@code SignificanceReport}
     * @return the text
     */
    public static String markdown(ComparisonResults results, CellMarks marks) {
        List<String> header = new ArrayList<>(List.of("method"));
        header.addAll(results.tasks());
        header.add("mean");
        header.add("inserted params");
        List<List<String>> rows = new ArrayList<>();
        for (String method : results.methods()) {
            List<String> row = new ArrayList<>(List.of(method));
            List<ResultCell> cells = results.tasks().stream()
                    .map(task -> results.cell(method, task).orElseThrow()).toList();
            cells.forEach(c -> row.add(cellText(c, marks)));
            boolean allOk = cells.stream().allMatch(c -> c.status() == CellStatus.OK && c.meanAccuracy() != null);
            row.add(allOk ? fmt(cells.stream().mapToDouble(ResultCell::meanAccuracy).average().orElseThrow()) : "-");
            OptionalDouble params = cells.stream().map(ResultCell::insertedParameters).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).average();
            row.add(params.isPresent() ? String.format(Locale.ROOT, "%,d", Math.round(params.getAsDouble())) : "-");
            rows.add(row);
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(results.spec().name()).append("\n\n");
        out.append(protocolLine(results)).append("\n\n");
        out.append(aligned(header, rows));
        String legend = marks.legend(results.spec().seeds());
        if (!legend.isEmpty()) {
            out.append("\n").append(legend).append("\n");
        }
        out.append("\n").append(ResultBuild.sentence(results.builds())).append("\n");
        List<String> notes = new ArrayList<>(results.cells().stream().filter(c -> !c.message().isEmpty())
                .map(c -> "- " + c.method() + " on " + c.task() + ": " + c.status().label() + ": " + c.message())
                .toList());
        notes.addAll(lostGridPoints(results));
        if (!notes.isEmpty()) {
            out.append("\n").append(String.join("\n", notes)).append("\n");
        }
        return out.toString();
    }

    /**
     * A note for every cell whose selection lost grid points to failed tuning trials (an error in
     * the method or the data, not a diverged loss), for every table that shows the results.
     *
     * @param results the results
     * @return Markdown list lines, none when no grid point was lost
     */
    public static List<String> lostGridPoints(ComparisonResults results) {
        return results.cells().stream().filter(c -> c.tuningFailed() > 0).map(ResultTable::lostGridPoints).toList();
    }

    /**
     * The note of one cell whose selection lost grid points to failed tuning trials.
     *
     * @param c the cell, with {@code tuningFailed() > 0}
     * @return a Markdown list line
     */
    public static String lostGridPoints(ResultCell c) {
        return String.format(Locale.ROOT, "- %s on %s: the selection lost %d of %d grid points to failed tuning trials "
                + "('peft status' lists them with their errors)", c.method(), c.task(), c.tuningFailed(), c.tuningTrials());
    }

    /**
     * One line per (method, task) with every number of its cell.
     *
     * @param results the results
     * @return CSV text with a header line
     */
    public static String csv(ComparisonResults results) {
        StringBuilder out = new StringBuilder("protocol,method,task,group,status,seeds_ok,mean,std,accuracies,"
                + "inserted_params,lr,weight_decay,hyperparameters,val_accuracy,selected_trial,tuning_failed,message\n");
        for (ResultCell c : results.cells()) {
            List<String> fields = List.of(results.spec().protocol().label(), c.method(), c.task(), c.group(),
                    c.status().label(), String.valueOf(c.testAccuracies().size()), raw(c.meanAccuracy()),
                    raw(c.stdAccuracy()),
                    c.testAccuracies().stream().map(String::valueOf).collect(Collectors.joining(";")),
                    c.insertedParameters() == null ? "" : c.insertedParameters().toString(), raw(c.lr()),
                    raw(c.weightDecay()),
                    c.hyperparameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(";")),
                    raw(c.valAccuracy()), c.selectedTrial() == null ? "" : c.selectedTrial(),
                    String.valueOf(c.tuningFailed()), c.message());
            out.append(fields.stream().map(ResultTable::quote).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    /**
     * The results as JSON: protocol, comparison name, seeds, the builds and the cells.
     *
     * @param results the results
     * @return pretty-printed JSON
     */
    public static String json(ComparisonResults results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comparison", results.spec().name());
        out.put("protocol", results.spec().protocol());
        out.put("seeds", results.spec().seeds());
        out.put("complete", results.complete());
        out.put("builds", results.builds());
        out.put("cells", results.cells());
        return Json.GSON.toJson(out) + "\n";
    }

    /**
     * Writes {@code results.md}, {@code results.csv} and {@code results.json} atomically.
     *
     * @param dir the store folder
     * @param results the results
     */
    public static void write(Path dir, ComparisonResults results) {
        write(dir, results, CellMarks.NONE);
    }

    /**
     * Writes {@code results.md} (with the marks), {@code results.csv} and {@code results.json}
     * atomically.
     *
     * @param dir the store folder
     * @param results the results
     * @param marks the marks of the Markdown table
     */
    public static void write(Path dir, ComparisonResults results, CellMarks marks) {
        AtomicFiles.writeString(dir.resolve(FILES.get(0)), markdown(results, marks));
        AtomicFiles.writeString(dir.resolve(FILES.get(1)), csv(results));
        AtomicFiles.writeString(dir.resolve(FILES.get(2)), json(results));
    }

    private static String protocolLine(ComparisonResults results) {
        String protocol = results.spec().protocol() == ProtocolKind.QUICK
                ? "protocol: quick (a smoke run with fewer epochs and smaller grids; not the study protocol)"
                : "protocol: study";
        int seeds = results.spec().seeds();
        return protocol + ". Test top-1 accuracy (%) after the last epoch of the configuration selected on val200"
                + (seeds > 1 ? ", mean ± sample std over " + seeds + " seeds" : ", one seed")
                + "; mean = plain mean over tasks; inserted params = mean over tasks of the selected configurations; "
                + results.spec().preprocessingSentence() + ".";
    }

    private static String cellText(ResultCell c, CellMarks marks) {
        if (c.status() != CellStatus.OK) {
            return c.status().label();
        }
        return marks.mark(c, c.stdAccuracy() == null ? fmt(c.meanAccuracy())
                : fmt(c.meanAccuracy()) + " ± " + fmt(c.stdAccuracy()));
    }

    private static String aligned(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(line(header, widths));
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        out.append(line(rule, widths));
        rows.forEach(r -> out.append(line(r, widths)));
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(i == 0 ? cell + pad : pad + cell).append(" |");
        }
        return out.append('\n').toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String raw(Double value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
