package org.peft4j.eval.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Locale;
import org.peft4j.eval.protocol.results.CellMarks;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.store.PredictionsFile.Predictions;

/**
 * Uncertainty and significance of a comparison, from its final trials' test predictions: a
 * bootstrap interval per cell (over test images, and over seeds when there are several), a test
 * between every two methods per task (McNemar's exact test when both have one final seed, else the
 * {@link PairedBootstrap} over seeds and images) with Holm's correction per task, and the Friedman test with Nemenyi's critical difference across the tasks where every method
 * has an accuracy. Only cells that ended ok take part.
 *
 * @param alpha the significance level
 * @param intervals one per ok cell with predictions, in report order
 * @param tasks one per task with at least two methods' predictions
 * @param ranks the test across tasks, or null with fewer than two complete tasks or two methods
 */
public record SignificanceReport(double alpha, List<CellInterval> intervals, List<TaskSignificance> tasks,
        RankSignificance ranks) implements CellMarks {

    /** The significance level used unless told otherwise. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** Copies the lists. */
    public SignificanceReport {
        intervals = List.copyOf(intervals);
        tasks = List.copyOf(tasks);
    }

    /**
     * Computes everything at the default level.
     *
     * @param results the comparison's cells
     * @param predictions reads a final trial's predictions by id
     * @return the report
     */
    public static SignificanceReport of(ComparisonResults results, Function<String, Predictions> predictions) {
        return of(results, predictions, DEFAULT_ALPHA);
    }

    /**
     * Computes everything.
     *
     * @param results the comparison's cells
     * @param predictions reads a final trial's predictions by id
     * @param alpha the significance level
     * @return the report
     */
    public static SignificanceReport of(ComparisonResults results, Function<String, Predictions> predictions,
            double alpha) {
        List<CellInterval> intervals = new ArrayList<>();
        List<TaskSignificance> tasks = new ArrayList<>();
        for (String task : results.tasks()) {
            Map<String, boolean[][]> correct = new LinkedHashMap<>();
            for (String method : results.methods()) {
                ResultCell cell = results.cell(method, task).orElseThrow();
                if (cell.status() == CellStatus.OK && !cell.finalTrials().isEmpty()) {
                    boolean[][] rows = cell.finalTrials().stream().map(predictions).map(SignificanceReport::correct)
                            .toArray(boolean[][]::new);
                    correct.put(method, rows);
                    intervals.add(new CellInterval(method, task, rows.length, rows[0].length,
                            BootstrapInterval.of(rows)));
                }
            }
            if (correct.size() >= 2) {
                tasks.add(task(results, task, correct, alpha));
            }
        }
        return new SignificanceReport(alpha, intervals, tasks, ranks(results, alpha));
    }

    /**
     * A cell's interval.
     *
     * @param method the method
     * @param task the task
     * @return the interval, if the cell has one
     */
    public Optional<CellInterval> interval(String method, String task) {
        return intervals.stream().filter(c -> c.method().equals(method) && c.task().equals(task)).findFirst();
    }

    /**
     * A task's pairwise tests.
     *
     * @param task the task
     * @return the tests, if at least two methods have predictions there
     */
    public Optional<TaskSignificance> task(String task) {
        return tasks.stream().filter(t -> t.task().equals(task)).findFirst();
    }

    /**
     * E.g. {@code **70.50 ± 1.20** [67.6, 73.3]}: bold for the best of the task (and every method
     * tied with it), italics for not significantly worse than it, then the 95% interval.
     */
    @Override
    public String mark(ResultCell cell, String text) {
        String out = text;
        TaskSignificance t = task(cell.task()).orElse(null);
        if (t != null && cell.meanAccuracy() != null && cell.meanAccuracy() >= t.bestAccuracy()) {
            out = "**" + out + "**";
        } else if (t != null && t.notWorse().contains(cell.method())) {
            out = "_" + out + "_";
        }
        CellInterval ci = interval(cell.method(), cell.task()).orElse(null);
        return ci == null ? out : out + String.format(Locale.ROOT, " [%.1f, %.1f]", ci.interval().lower(),
                ci.interval().upper());
    }

    /** How the intervals are made, whether the seeds are enough for the spread shown, what the marks mean. */
    @Override
    public String legend(int seeds) {
        StringBuilder out = new StringBuilder("Intervals: 95% percentile bootstrap (B = ")
                .append(BootstrapInterval.DEFAULT_REPLICATES).append(", seed ").append(BootstrapInterval.DEFAULT_SEED)
                .append(") over the test images");
        if (seeds > 1) {
            StdSpread spread = StdSpread.of(seeds, 0.95);
            out.append(" and the ").append(seeds).append(" final seeds (each replicate resamples the seeds, ")
                    .append("then the images for all of them alike). With ").append(seeds)
                    .append(" seeds the ± std is itself uncertain: the 95% interval of the true std runs from ")
                    .append(String.format(Locale.ROOT, "%.2f× to %.2f×", spread.lowerFactor(), spread.upperFactor()))
                    .append(" the std shown (normal theory)")
                    .append(spread.tooFew() ? "; " + seeds + " seeds are too few for the spread shown to "
                            + "mean much (use " + StdSpread.FEW_SEEDS + " or more)." : ".");
        } else {
            out.append(". One seed: the intervals cover the sampling of test images, not the variation between ")
                    .append("training runs (use --seeds for that).");
        }
        return out.append(" Best method per task in **bold**; in _italics_, methods not significantly worse than it ")
                .append(String.format(Locale.ROOT, "(%s, Holm-corrected over the task's pairs, α = %.2f).",
                        testNames(seeds), alpha)).toString();
    }

    /**
     * The names of the pairwise tests used, e.g. {@code McNemar exact}, or the one that {@code seeds}
     * final seeds per method would use when no task has two methods.
     */
    private String testNames(int seeds) {
        List<String> names = tasks.stream().flatMap(t -> t.pairs().stream()).map(p -> p.test().name()).distinct()
                .toList();
        if (names.isEmpty()) {
            return seeds > 1 ? "paired bootstrap over seeds and images, B = " + PairedBootstrap.DEFAULT_REPLICATES
                    : McNemarExact.NAME;
        }
        return String.join("; ", names);
    }

    private static TaskSignificance task(ComparisonResults results, String task, Map<String, boolean[][]> correct,
            double alpha) {
        List<String> methods = List.copyOf(correct.keySet());
        List<PairwiseTest> tests = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            for (int j = i + 1; j < methods.size(); j++) {
                tests.add(test(correct.get(methods.get(i)), correct.get(methods.get(j))));
                pairs.add(new int[] {i, j});
            }
        }
        double[] adjusted = Holm.adjust(tests.stream().mapToDouble(PairwiseTest::p).toArray());
        List<PairTest> out = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            String a = methods.get(pairs.get(t)[0]);
            String b = methods.get(pairs.get(t)[1]);
            out.add(new PairTest(task, a, b, PairedBootstrap.accuracy(correct.get(a)),
                    PairedBootstrap.accuracy(correct.get(b)), tests.get(t), adjusted[t]));
        }
        String best = methods.get(0);
        for (String m : methods) {
            if (mean(results, m, task) > mean(results, best, task)) {
                best = m;
            }
        }
        List<String> notWorse = new ArrayList<>();
        for (String m : methods) {
            String b = best;
            boolean worse = out.stream().filter(p -> (p.a().equals(b) && p.b().equals(m))
                    || (p.a().equals(m) && p.b().equals(b))).anyMatch(p -> p.significant(alpha));
            if (!worse) {
                notWorse.add(m);
            }
        }
        return new TaskSignificance(task, best, mean(results, best, task), notWorse, out);
    }

    /** McNemar's exact test when both methods have one seed, else the paired bootstrap. */
    private static PairwiseTest test(boolean[][] a, boolean[][] b) {
        return a.length == 1 && b.length == 1 ? McNemarExact.of(a[0], b[0]) : PairedBootstrap.of(a, b);
    }

    private static RankSignificance ranks(ComparisonResults results, double alpha) {
        List<String> methods = results.methods();
        List<String> complete = results.tasks().stream().filter(t -> methods.stream()
                .allMatch(m -> !Double.isNaN(mean(results, m, t)))).toList();
        if (methods.size() < 2 || complete.size() < 2) {
            return null;
        }
        double[][] scores = complete.stream().map(t -> methods.stream().mapToDouble(m -> mean(results, m, t))
                .toArray()).toArray(double[][]::new);
        return new RankSignificance(methods, complete, FriedmanTest.of(scores),
                Nemenyi.criticalDifference(methods.size(), complete.size(), alpha), alpha);
    }

    /** The cell's mean test accuracy when it ended ok, else NaN. */
    private static double mean(ComparisonResults results, String method, String task) {
        return results.cell(method, task).filter(c -> c.status() == CellStatus.OK && c.meanAccuracy() != null)
                .map(ResultCell::meanAccuracy).orElse(Double.NaN);
    }

    private static boolean[] correct(Predictions p) {
        boolean[] out = new boolean[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.labels()[i] == p.predictions()[i];
        }
        return out;
    }
}
