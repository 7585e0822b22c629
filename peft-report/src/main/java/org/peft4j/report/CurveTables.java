package org.peft4j.report;

import java.util.List;
import java.util.Locale;
import org.peft4j.eval.analysis.CurveFlag;
import org.peft4j.report.TrainingCurves.FlaggedTrial;

/** The report's training-curves section: the figures per task and the trials whose curve is flagged. */
final class CurveTables {

    private CurveTables() {}

    /**
     * The Markdown section.
     *
     * @param model the numbers
     * @param curves the curves
     * @param plots the curve figures drawn, one per task with curves
     * @return Markdown text starting with a level-2 heading
     */
    static String markdown(ReportModel model, TrainingCurves curves, List<String> plots) {
        StringBuilder out = new StringBuilder("\n## Training curves ").append(model.protocolTag()).append("\n\n");
        out.append("Every trial records the mean train loss, learning rate, wall time and (when evaluated) held-out ")
                .append("accuracy of each epoch in `trials/<id>/curve.csv`. The figures overlay the methods' first ")
                .append("final seeds, one figure per task. A trial is flagged **diverged** when its record says so ")
                .append("(a NaN or infinite loss stopped it) or its last epoch's loss is above its first; its loss ")
                .append(String.format(Locale.ROOT, "**rose at the end** when the last epoch's loss exceeds the lowest "
                        + "loss of the earlier epochs by more than %.0f%%", 100 * CurveFlag.RISE))
                .append(" of it. Tuning trials are flagged too: a diverged high learning rate is part of the grid.\n\n");
        plots.forEach(p -> out.append("![").append(p).append("](").append(p).append(")\n"));
        if (curves.flagged().isEmpty()) {
            return out.append(plots.isEmpty() ? "" : "\n").append("No finished trial is flagged.\n").toString();
        }
        MarkdownTable table = new MarkdownTable(List.of("task", "method", "trial", "settings", "flag", "epochs",
                "first loss", "lowest loss", "last loss"));
        for (FlaggedTrial f : curves.flagged()) {
            List<Double> l = f.losses();
            table.add(List.of(f.task(), f.method(), f.kind(), f.settings(), f.flag().label(),
                    String.valueOf(l.size()), loss(l.isEmpty() ? null : l.get(0)),
                    loss(l.stream().filter(Double::isFinite).min(Double::compare).orElse(null)),
                    loss(l.isEmpty() ? null : l.get(l.size() - 1))));
        }
        return out.append(plots.isEmpty() ? "" : "\n").append(table.text()).toString();
    }

    private static String loss(Double value) {
        return value == null ? Numbers.MISSING : String.format(Locale.ROOT, "%.4f", value);
    }
}
