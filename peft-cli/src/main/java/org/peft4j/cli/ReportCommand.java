package org.peft4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.peft4j.eval.analysis.PredictionSimilarity;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.report.ComparisonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peft report --store DIR}: tables, plots and analyses of a stored comparison. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a comparison stored by 'peft compare' into <store>/report: report.md, "
                + "report.html (self-contained, figures inlined), accuracy.csv, summary.csv, results.json and PNG plots "
                + "(accuracy vs each cost with its Pareto front: inserted parameters, time per epoch, peak memory, "
                + "inference time; per-task accuracy, critical-difference diagram, prediction-similarity heatmaps, "
                + "WiSE-FT curves computed by 'peft wise', training curves per task, confusion matrices of the tasks "
                + "named by --confusion), and per-class accuracy and confusion matrices as CSV in report/per-class. "
                + "Every report gives 95%% bootstrap intervals, pairwise tests per task "
                + "(McNemar exact with one seed, a paired bootstrap over seeds and images with several; Holm-corrected) "
                + "and the Friedman test with Nemenyi's critical difference across tasks.",
                "It reads only the store; an unfinished comparison gives a partial report."},
        footer = {"", "Examples:", "  peft report --store runs/vtab-1k-study",
                "  peft report --store runs/embedded-quick --confusion shapes,textures"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Mixin
    StoreOption store;

    @Option(names = "--confidence", defaultValue = "" + PredictionSimilarity.DEFAULT_CONFIDENCE,
            description = "Threshold of the high-confidence overlap (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--confusion", split = ",", paramLabel = "TASK",
            description = "Draw the confusion matrix of every method on these tasks (confusion-<task>--<method>.png)")
    List<String> confusion = List.of();

    @Override
    public Integer call() {
        List<Path> files = ComparisonReport.write(ResultStore.open(store.dir), confidence, Set.copyOf(confusion));
        files.forEach(f -> commandSpec.commandLine().getOut().println(f));
        commandSpec.commandLine().getOut().flush();
        return 0;
    }
}
