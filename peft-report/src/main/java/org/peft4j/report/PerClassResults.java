package org.peft4j.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.peft4j.eval.analysis.ConfusionMatrix;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * Per-class accuracy and confusion matrix of every cell that ended ok with test predictions,
 * counted over all its final seeds, written as CSV under {@value #FOLDER}:
 * {@code <task>--<method>-per-class.csv} and {@code <task>--<method>-confusion.csv}.
 *
 * @param byTask per task (report order), per method (report order), the matrix
 */
record PerClassResults(Map<String, Map<String, ConfusionMatrix>> byTask) {

    /** The folder inside the report's folder. */
    static final String FOLDER = "per-class";

    /**
     * Counts the predictions of every ok cell.
     *
     * @param model the report's numbers
     * @param predictions reads a final trial's predictions by id
     * @return the matrices
     */
    static PerClassResults of(ReportModel model, Function<String, Predictions> predictions) {
        Map<String, Map<String, ConfusionMatrix>> byTask = new LinkedHashMap<>();
        for (TaskSpec task : model.tasks()) {
            Map<String, ConfusionMatrix> methods = new LinkedHashMap<>();
            for (MethodRow row : model.rows()) {
                ResultCell cell = row.cells().get(task.name());
                if (cell.status() == CellStatus.OK && !cell.finalTrials().isEmpty()) {
                    methods.put(row.method(), ConfusionMatrix.of(cell.finalTrials().stream().map(predictions).toList(),
                            task.numClasses(), row.method() + " on " + task.name()));
                }
            }
            byTask.put(task.name(), methods);
        }
        return new PerClassResults(byTask);
    }

    /**
     * Writes the CSV files into {@code dir/per-class}, removing those of cells no longer there.
     *
     * @param dir the report's folder
     * @return the files written
     */
    List<Path> write(Path dir) {
        Path folder = dir.resolve(FOLDER);
        List<Path> files = new ArrayList<>();
        byTask.forEach((task, methods) -> methods.forEach((method, m) -> {
            files.add(text(folder.resolve(task + "--" + method + "-per-class.csv"), m.perClassCsv()));
            files.add(text(folder.resolve(task + "--" + method + "-confusion.csv"), m.csv()));
        }));
        if (Files.isDirectory(folder)) {
            try (Stream<Path> old = Files.list(folder)) {
                for (Path f : old.filter(f -> f.toString().endsWith(".csv") && !files.contains(f)).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean " + folder + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /**
     * The report's per-class section: the lowest class accuracy of every cell, where the CSV files
     * are, and the confusion matrices drawn.
     *
     * @param model the numbers
     * @param plots the confusion figures drawn (may be empty)
     * @return Markdown text starting with a level-2 heading
     */
    String markdown(ReportModel model, List<String> plots) {
        StringBuilder out = new StringBuilder("\n## Per class ").append(model.protocolTag()).append("\n\n");
        if (byTask.values().stream().allMatch(Map::isEmpty)) {
            return out.append("No cell has test predictions yet.\n").toString();
        }
        List<String> header = new ArrayList<>(List.of("method"));
        header.addAll(byTask.keySet());
        MarkdownTable table = new MarkdownTable(header);
        for (MethodRow row : model.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.method()));
            byTask.forEach((task, methods) -> cells.add(lowest(methods.get(row.method()))));
            table.add(cells);
        }
        out.append(table.text()).append("\nLowest per-class test accuracy (%) of each cell and its class, counted ")
                .append("over the final seeds. Every class's accuracy and the confusion matrix (rows: true class, ")
                .append("columns: predicted class, counts over the final seeds) of each cell are in `")
                .append(FOLDER).append("/<task>--<method>-per-class.csv` and `-confusion.csv`; `peft report ")
                .append("--confusion TASK,...` draws them.\n");
        if (!plots.isEmpty()) {
            out.append('\n');
            plots.forEach(p -> out.append("![").append(p).append("](").append(p).append(")\n"));
        }
        return out.toString();
    }

    /** E.g. {@code 40.00 (class 3)}; a dash for a cell without predictions. */
    private static String lowest(ConfusionMatrix m) {
        if (m == null) {
            return Numbers.MISSING;
        }
        int worst = -1;
        for (int c = 0; c < m.classes(); c++) {
            if (m.examples(c) > 0 && (worst < 0 || m.accuracy(c) < m.accuracy(worst))) {
                worst = c;
            }
        }
        return worst < 0 ? Numbers.MISSING : Numbers.fixed2(m.accuracy(worst)) + " (class " + worst + ")";
    }

    private static Path text(Path file, String content) {
        AtomicFiles.writeString(file, content);
        return file;
    }
}
