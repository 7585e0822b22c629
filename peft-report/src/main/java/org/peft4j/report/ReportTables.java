package org.peft4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peft4j.eval.analysis.EnsembleResult;
import org.peft4j.eval.analysis.PredictionSimilarity.Measure;
import org.peft4j.eval.analysis.SimilarityMatrix;
import org.peft4j.eval.analysis.WiseCurve;
import org.peft4j.eval.protocol.TaskSpec;
import org.peft4j.eval.protocol.results.ResultBuild;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.results.ResultTable;
import org.peft4j.eval.stats.SignificanceReport;

/** The report's Markdown page and CSV tables. */
public final class ReportTables {

    private ReportTables() {}

    /**
     * The Markdown report: accuracy table, cost table, and the analyses that have data.
     *
     * @param model the numbers
     * @param analysis the prediction analyses
     * @param significance the intervals and significance tests
     * @param wise the WiSE-FT curves (may be empty)
     * @param sections the training-curves and per-class sections, placed after the costs
     * @param plots file names of the plots, linked at the end (may be empty)
     * @return the Markdown text
     */
    public static String markdown(ReportModel model, PredictionAnalysis analysis, SignificanceReport significance,
            List<WiseCurve> wise, String sections, List<String> plots) {
        String tag = model.protocolTag();
        StringBuilder out = new StringBuilder();
        out.append("# ").append(model.comparison()).append(" ").append(tag).append("\n\n");
        out.append(model.protocol().label().equals("quick")
                ? "Protocol: **quick** (a smoke run with fewer epochs and smaller grids; these are not the study's numbers).\n"
                : "Protocol: **study**.\n");
        out.append("Preprocessing: ").append(model.preprocessing()).append(".\n");
        out.append(ResultBuild.sentence(model.builds())).append('\n');
        if (!model.complete()) {
            out.append("\n**Incomplete:** some (method, task) cells are still pending.\n");
        }
        out.append("\n## Test accuracy (%) ").append(tag).append("\n\n").append(accuracyTable(model, significance))
                .append('\n');
        out.append("Top-1 test accuracy after the last epoch of the configuration selected on validation")
                .append(model.seeds() > 1 ? ", mean ± sample std over " + model.seeds() + " seeds" : ", one seed")
                .append(", [95% bootstrap interval]; **best** per task, _not significantly worse than the best_ ")
                .append("(see Uncertainty and significance). Group columns (with two groups or more): plain mean over the group's tasks; mean: ")
                .append("plain mean over all ").append(model.tasks().size())
                .append(model.tasks().size() == 1 ? " task" : " tasks").append(" (not the mean of the group means); ")
                .append(Numbers.MISSING).append(" where a task has no accuracy. Avg rank: mean over tasks of the ")
                .append("method's rank (1 = best; ties share the mean rank; diverged, failed or pending cells rank ")
                .append("last).\n");
        out.append(SignificanceTables.markdown(model, significance));
        out.append("\n## Parameters and cost ").append(tag).append("\n\n").append(costTable(model)).append('\n');
        out.append("Inserted params: trainable parameters outside the head, mean over tasks of the selected ")
                .append("configurations; % of the backbone's parameters (head excluded). Train time: mean over the ")
                .append("final runs, per run and per epoch; peak memory: largest peak resident set of the final runs")
                .append(gpu(model) ? "; GPU memory: largest memory in use on the GPU after a final run" : "")
                .append(". Inference: images per second on one batch of the test split (mean of the final runs), ")
                .append("with the method's modules in place (unmerged) and folded into the weights (merged; ")
                .append(Numbers.MISSING).append(" for a method that cannot merge).\n");
        out.append(ParetoTables.markdown(model));
        out.append(sections);
        if (!analysis.mean().isEmpty()) {
            out.append("\n## Prediction similarity ").append(tag).append("\n\n").append("Mean over the ")
                    .append(analysis.perTask().size()).append(" tasks with test predictions of two or more methods ")
                    .append("(first final seed). Agreement: fraction of test examples with the same predicted class. ")
                    .append("Error overlap: Jaccard index of the sets of misclassified examples. High-confidence ")
                    .append("overlap: Jaccard index of the sets of examples predicted with a top softmax probability ≥ ")
                    .append(String.format(Locale.ROOT, "%.2f", analysis.threshold())).append(".\n");
            for (Map.Entry<Measure, SimilarityMatrix> e : analysis.mean().entrySet()) {
                out.append("\n### ").append(capitalised(e.getKey().title())).append(' ').append(tag).append("\n\n")
                        .append(matrixTable(e.getValue()));
            }
        }
        if (!analysis.ensembles().isEmpty()) {
            out.append("\n## Ensembles ").append(tag).append("\n\n").append(ensembleTable(analysis.ensembles()))
                    .append("\nTest accuracy (%) of the majority vote (ties broken by the averaged softmax) and of the ")
                    .append("averaged softmax of every method with test predictions, against the best single member ")
                    .append("on the same task (first final seed each).\n");
        }
        if (!wise.isEmpty()) {
            out.append("\n## WiSE-FT robustness ").append(tag).append("\n\n").append(wiseTable(wise))
                    .append("\nθ(α) = (1−α)·θ_pretrained + α·θ_fine-tuned on every backbone tensor after merging the ")
                    .append("method into the backbone; the fine-tuned head is kept at every α.\n");
        }
        List<String> notes = new ArrayList<>();
        for (MethodRow row : model.rows()) {
            for (ResultCell c : row.cells().values()) {
                if (c.status() != CellStatus.OK && !c.message().isEmpty()) {
                    notes.add("- " + c.method() + " on " + c.task() + ": " + c.status().label() + ": " + c.message());
                }
                if (c.tuningFailed() > 0) {
                    notes.add(ResultTable.lostGridPoints(c));
                }
            }
        }
        if (!notes.isEmpty()) {
            out.append("\n## Cells that did not end ok or lost grid points\n\n").append(String.join("\n", notes)).append('\n');
        }
        if (!plots.isEmpty()) {
            out.append("\n## Plots\n\n");
            plots.forEach(p -> out.append("![").append(p).append("](").append(p).append(")\n"));
        }
        return out.toString();
    }

    /**
     * The methods × tasks accuracy table with group means (when the tasks form two groups or
     * more), mean and average rank.
     *
     * @param model the numbers
     * @param significance the cells' intervals and the per-task tests
     * @return Markdown table text
     */
    public static String accuracyTable(ReportModel model, SignificanceReport significance) {
        List<String> header = new ArrayList<>(List.of("method"));
        model.tasks().forEach(t -> header.add(t.name()));
        List<String> groups = model.groups().size() > 1 ? model.groups() : List.of();
        header.addAll(groups);
        header.add("mean");
        header.add("avg rank");
        MarkdownTable table = new MarkdownTable(header);
        for (MethodRow row : model.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.method()));
            row.cells().values().forEach(c -> cells.add(cellText(c, significance)));
            groups.forEach(g -> cells.add(Numbers.fixed2(row.groupMeans().get(g))));
            cells.add(Numbers.fixed2(row.mean()));
            cells.add(Numbers.fixed2(row.averageRank()));
            table.add(cells);
        }
        return table.text();
    }

    /**
     * The methods' parameters, train time and memory.
     *
     * @param model the numbers
     * @return Markdown table text
     */
    public static String costTable(ReportModel model) {
        boolean gpu = gpu(model);
        List<String> header = new ArrayList<>(List.of("method", "inserted params", "% of backbone",
                "train time per run (s)", "per epoch (s)", "peak memory (MiB)"));
        if (gpu) {
            header.add("GPU memory (MiB)");
        }
        header.addAll(List.of("inference unmerged (img/s)", "merged (img/s)"));
        MarkdownTable table = new MarkdownTable(header);
        for (MethodRow r : model.rows()) {
            MethodCosts c = r.costs();
            List<String> cells = new ArrayList<>(List.of(r.method(), Numbers.count(r.insertedParameters()),
                    Numbers.percent(r.insertedPercent()), Numbers.decimals(r.trainSeconds(), 1),
                    Numbers.decimals(c.epochSeconds(), 2), Numbers.decimals(r.peakRssMib(), 0)));
            if (gpu) {
                cells.add(Numbers.decimals(c.gpuMemoryMib(), 0));
            }
            cells.add(Numbers.decimals(c.unmergedImagesPerSecond(), 0));
            cells.add(Numbers.decimals(c.mergedImagesPerSecond(), 0));
            table.add(cells);
        }
        return table.text();
    }

    /** Whether some final run of the report recorded GPU memory. */
    private static boolean gpu(ReportModel model) {
        return model.rows().stream().anyMatch(r -> r.costs().gpuMemoryMib() != null);
    }

    private static String matrixTable(SimilarityMatrix m) {
        List<String> header = new ArrayList<>(List.of("method"));
        header.addAll(m.methods());
        MarkdownTable table = new MarkdownTable(header);
        for (String a : m.methods()) {
            List<String> cells = new ArrayList<>(List.of(a));
            m.methods().forEach(b -> cells.add(Numbers.fixed2(m.get(a, b))));
            table.add(cells);
        }
        return table.text();
    }

    private static String ensembleTable(List<EnsembleResult> ensembles) {
        MarkdownTable table = new MarkdownTable(List.of("task", "members", "majority vote", "averaged softmax",
                "best single", "best single acc", "gain (avg softmax)"));
        for (EnsembleResult e : ensembles) {
            table.add(List.of(e.task(), String.valueOf(e.members().size()), Numbers.fixed2(e.majorityVote()),
                    Numbers.fixed2(e.averagedSoftmax()), e.bestMethod(), Numbers.fixed2(e.bestAccuracy()),
                    String.format(Locale.ROOT, "%+.2f", e.averagedSoftmax() - e.bestAccuracy())));
        }
        return table.text();
    }

    private static String wiseTable(List<WiseCurve> curves) {
        MarkdownTable table = new MarkdownTable(List.of("task", "method", "shifted split", "α=0 in / shifted",
                "α=1 in / shifted", "best α (shifted)", "in / shifted at best α"));
        for (WiseCurve c : curves) {
            int last = c.alphas().size() - 1;
            int best = c.bestShifted();
            table.add(List.of(c.task(), c.method(), c.shiftedSplit(), pair(c, 0), pair(c, last),
                    String.format(Locale.ROOT, "%.2f", c.alphas().get(best)), pair(c, best)));
        }
        return table.text();
    }

    private static String pair(WiseCurve c, int i) {
        return Numbers.fixed2(c.inAccuracy().get(i)) + " / " + Numbers.fixed2(c.shiftedAccuracy().get(i));
    }

    /**
     * Long-format accuracy CSV: one line per (method, task), with the 95% bootstrap interval.
     *
     * @param model the numbers
     * @param significance the cells' intervals
     * @return CSV text with a header line
     */
    public static String accuracyCsv(ReportModel model, SignificanceReport significance) {
        StringBuilder out = new StringBuilder(Csv.line(List.of("protocol", "method", "task", "group", "status",
                "seeds_ok", "mean", "std", "rank", "ci95_lower", "ci95_upper")));
        for (MethodRow row : model.rows()) {
            for (TaskSpec t : model.tasks()) {
                ResultCell c = row.cells().get(t.name());
                out.append(Csv.line(List.of(model.protocol().label(), row.method(), t.name(), t.group(),
                        c.status().label(), String.valueOf(c.testAccuracies().size()), Numbers.raw(c.meanAccuracy()),
                        Numbers.raw(c.stdAccuracy()), String.valueOf(taskRank(model, row.method(), t.name())),
                        Numbers.raw(significance.interval(row.method(), t.name()).map(i -> i.interval().lower())
                                .orElse(null)),
                        Numbers.raw(significance.interval(row.method(), t.name()).map(i -> i.interval().upper())
                                .orElse(null)))));
            }
        }
        return out.toString();
    }

    /**
     * Per-method summary CSV: group means, mean, average rank, parameters, time, memory.
     *
     * @param model the numbers
     * @return CSV text with a header line
     */
    public static String summaryCsv(ReportModel model) {
        List<String> header = new ArrayList<>(List.of("protocol", "method"));
        model.groups().forEach(g -> header.add("mean_" + g));
        header.addAll(List.of("mean", "avg_rank", "inserted_params", "inserted_percent", "train_seconds",
                "peak_rss_mib", "epoch_seconds", "gpu_memory_mib", "unmerged_images_per_second",
                "merged_images_per_second"));
        StringBuilder out = new StringBuilder(Csv.line(header));
        for (MethodRow r : model.rows()) {
            List<String> fields = new ArrayList<>(List.of(model.protocol().label(), r.method()));
            model.groups().forEach(g -> fields.add(Numbers.raw(r.groupMeans().get(g))));
            fields.addAll(List.of(Numbers.raw(r.mean()), Numbers.raw(r.averageRank()),
                    Numbers.raw(r.insertedParameters()), Numbers.raw(r.insertedPercent()),
                    Numbers.raw(r.trainSeconds()), Numbers.raw(r.peakRssMib()), Numbers.raw(r.costs().epochSeconds()),
                    Numbers.raw(r.costs().gpuMemoryMib()), Numbers.raw(r.costs().unmergedImagesPerSecond()),
                    Numbers.raw(r.costs().mergedImagesPerSecond())));
            out.append(Csv.line(fields));
        }
        return out.toString();
    }

    /** A method's rank on one task, computed as for the average rank. */
    static double taskRank(ReportModel model, String method, String task) {
        double[] scores = model.rows().stream().mapToDouble(r -> ReportModel.accuracy(r.cells().get(task))).toArray();
        double[] ranks = org.peft4j.eval.analysis.Ranking.fractional(scores);
        return ranks[model.rows().indexOf(model.row(method))];
    }

    /** The cell's number with its marks and interval, or its state when it did not end ok. */
    private static String cellText(ResultCell c, SignificanceReport significance) {
        if (c.status() != CellStatus.OK || c.meanAccuracy() == null) {
            return c.status().label();
        }
        return significance.mark(c, c.stdAccuracy() == null ? Numbers.fixed2(c.meanAccuracy())
                : Numbers.fixed2(c.meanAccuracy()) + " ± " + Numbers.fixed2(c.stdAccuracy()));
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
