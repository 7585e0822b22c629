package org.peft4j.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's Pareto fronts of mean accuracy against each cost, in words and for the JSON. */
final class ParetoTables {

    private ParetoTables() {}

    /**
     * The fronts by cost, for the costs some method with a mean has.
     *
     * @param model the numbers
     * @return method names on each front by ascending cost, keyed by the plot's cost name
     */
    static Map<String, List<String>> fronts(ReportModel model) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (CostMeasure measure : CostMeasure.values()) {
            List<MethodRow> front = ParetoPlot.front(model, measure);
            if (!front.isEmpty()) {
                out.put(measure.title(), front.stream().map(MethodRow::method).toList());
            }
        }
        return out;
    }

    /**
     * One line per cost naming the methods on its front with their accuracy and cost, e.g.
     * {@code - inserted parameters: linear (54.93%, 0), ln (61.30%, 1.7K), lora (67.17%, 12.3K)}.
     *
     * @param model the numbers
     * @return a Markdown section, empty when no method has a mean and a cost
     */
    static String markdown(ReportModel model) {
        StringBuilder out = new StringBuilder();
        for (CostMeasure measure : CostMeasure.values()) {
            List<MethodRow> front = ParetoPlot.front(model, measure);
            if (!front.isEmpty()) {
                out.append("- ").append(measure.title()).append(": ").append(front.stream()
                        .map(r -> r.method() + " (" + Numbers.fixed2(r.mean()) + "%, " + measure.format(measure.value(r))
                                + ")")
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        return "\n### Pareto fronts " + model.protocolTag() + "\n\nThe methods no other method beats on both mean "
                + "accuracy and the cost (more accurate and at most as costly, or as accurate and cheaper), by "
                + "ascending cost; the plots accuracy-vs-*.png draw them as a dashed line.\n\n" + out;
    }
}
