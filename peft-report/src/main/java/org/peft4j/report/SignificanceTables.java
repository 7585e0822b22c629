package org.peft4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peft4j.eval.stats.FriedmanTest;
import org.peft4j.eval.stats.McNemarExact;
import org.peft4j.eval.stats.PairTest;
import org.peft4j.eval.stats.RankSignificance;
import org.peft4j.eval.stats.SignificanceReport;
import org.peft4j.eval.stats.TaskSignificance;

/** The report's significance section: how the intervals are made, pairwise tests per task, ranks. */
final class SignificanceTables {

    /** File name of the critical-difference diagram. */
    static final String CD_DIAGRAM = "cd-diagram.png";

    private SignificanceTables() {}

    /**
     * The Markdown section.
     *
     * @param model the numbers
     * @param s the significance results
     * @return Markdown text starting with a level-2 heading
     */
    static String markdown(ReportModel model, SignificanceReport s) {
        String tag = model.protocolTag();
        StringBuilder out = new StringBuilder("\n## Uncertainty and significance ").append(tag).append("\n\n");
        out.append(s.legend(model.seeds())).append('\n');
        if (!s.tasks().isEmpty()) {
            out.append("\n### Pairwise tests per task ").append(tag).append("\n\n");
            s.tasks().forEach(t -> out.append("- ").append(verdict(t, s.alpha())).append('\n'));
            out.append('\n').append(pairTable(s)).append("\nacc A, acc B: mean test accuracy over the final seeds. ")
                    .append("McNemar exact (both methods with one final seed): a two-sided binomial test on the ")
                    .append("images exactly one of the two methods gets right (only A / only B). Paired bootstrap ")
                    .append("(several seeds): each replicate resamples the seeds, seed i of A paired with seed i of ")
                    .append("B, and the test images, the same for both; p = 2 · (1 + replicates on the rarer side ")
                    .append("of 0) / (B + 1), capped at 1, so the test agrees with the intervals. p (Holm): ")
                    .append("corrected with Holm's method over the pairs of each task; significant when below ")
                    .append(alpha(s.alpha())).append(".\n");
        }
        out.append("\n### Across tasks ").append(tag).append("\n\n");
        RankSignificance r = s.ranks();
        if (r == null) {
            out.append("The Friedman test needs two methods and two tasks or more on which every method has an ")
                    .append("accuracy; this comparison has fewer.\n");
        } else {
            out.append(friedman(r)).append("\n\n").append(rankTable(r)).append("\n![critical difference](")
                    .append(CD_DIAGRAM).append(")\n\nAverage ranks over the ").append(r.tasks().size())
                    .append(" tasks where every method has an accuracy (1 = best). Methods joined by a bar in the ")
                    .append("diagram are not significantly different by Nemenyi's test (Demšar, JMLR 2006): their ")
                    .append("average ranks differ by less than the critical difference CD.\n");
        }
        return out.toString();
    }

    /** E.g. {@code textures: lora > full (p = 0.0012)} or {@code shapes: no significant difference}. */
    static String verdict(TaskSignificance t, double alpha) {
        List<String> found = new ArrayList<>();
        for (PairTest p : t.pairs()) {
            if (p.significant(alpha)) {
                boolean aBetter = p.accuracyA() >= p.accuracyB();
                found.add((aBetter ? p.a() : p.b()) + " > " + (aBetter ? p.b() : p.a()) + " (" + pIs(p.holmP()) + ")");
            }
        }
        return t.task() + ": " + (found.isEmpty() ? "no significant difference"
                : String.join(", ", found) + (found.size() < t.pairs().size() ? "; no significant difference "
                        + "between the other pairs" : ""));
    }

    /** One row per pair of methods per task; the McNemar counts only where McNemar's test was used. */
    static String pairTable(SignificanceReport s) {
        MarkdownTable table = new MarkdownTable(List.of("task", "A", "B", "acc A", "acc B", "test", "only A",
                "only B", "p", "p (Holm)", "significant"));
        for (TaskSignificance t : s.tasks()) {
            for (PairTest p : t.pairs()) {
                McNemarExact m = p.test() instanceof McNemarExact e ? e : null;
                table.add(List.of(t.task(), p.a(), p.b(), Numbers.fixed2(p.accuracyA()), Numbers.fixed2(p.accuracyB()),
                        p.test().name(), m == null ? Numbers.MISSING : String.valueOf(m.onlyA()),
                        m == null ? Numbers.MISSING : String.valueOf(m.onlyB()), p(p.test().p()), p(p.holmP()),
                        p.significant(s.alpha()) ? "yes" : "no"));
            }
        }
        return table.text();
    }

    private static String friedman(RankSignificance r) {
        FriedmanTest f = r.friedman();
        String out = String.format(Locale.ROOT, "Friedman test over %d tasks and %d methods: χ²(%d) = %.3f, %s",
                f.tasks(), f.methods(), f.methods() - 1, f.chiSquare(), pIs(f.p()));
        if (!Double.isNaN(f.imanDavenportF())) {
            out += String.format(Locale.ROOT, "; Iman–Davenport F(%d, %d) = %.3f, %s", f.methods() - 1,
                    (f.methods() - 1) * (f.tasks() - 1), f.imanDavenportF(), pIs(f.imanDavenportP()));
        }
        out += String.format(Locale.ROOT, ". Nemenyi critical difference at α = %s: CD = %.3f.", alpha(r.alpha()),
                r.criticalDifference());
        boolean f2 = !Double.isNaN(f.imanDavenportF()) && f.imanDavenportP() < r.alpha();
        if (f.p() >= r.alpha() && !f2) {
            out += " The Friedman test finds no significant difference between the methods' ranks, so the post-hoc "
                    + "comparisons below are not to be read as findings.";
        } else if (f.p() >= r.alpha()) {
            out += " Only the less conservative Iman–Davenport form is significant; read the post-hoc comparisons "
                    + "below with care.";
        }
        return out;
    }

    private static String rankTable(RankSignificance r) {
        MarkdownTable table = new MarkdownTable(List.of("method", "avg rank", "significantly different from"));
        for (int i = 0; i < r.methods().size(); i++) {
            List<String> different = new ArrayList<>();
            for (int j = 0; j < r.methods().size(); j++) {
                if (j != i && r.different(i, j)) {
                    different.add(r.methods().get(j));
                }
            }
            table.add(List.of(r.methods().get(i), Numbers.fixed2(r.friedman().averageRanks()[i]),
                    different.isEmpty() ? Numbers.MISSING : String.join(", ", different)));
        }
        return table.text();
    }

    /** A p-value with four decimals, or {@code < 0.0001}. */
    static String p(double p) {
        return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** {@code p = 0.0123} or {@code p < 0.0001}. */
    static String pIs(double p) {
        return p < 1e-4 ? "p < 0.0001" : "p = " + p(p);
    }

    private static String alpha(double alpha) {
        return String.format(Locale.ROOT, "%.2f", alpha);
    }
}
