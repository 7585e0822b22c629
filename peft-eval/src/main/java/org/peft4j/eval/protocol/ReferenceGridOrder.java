package org.peft4j.eval.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peft4j.eval.reference.ReferenceKeys;

/**
 * The order in which the reference (PETL_Vision's {@code experiment/tune.py}, scikit-learn's
 * {@code ParameterGrid}) visits a (method, task) grid: the tuned keys sorted alphabetically by
 * their reference names ({@code adapter_bottleneck} before {@code adapter_scaler} before
 * {@code lr} before {@code wd}), the last varying fastest, each key's values in grid order. It is
 * also the order of the rows of its {@code tune_summary.csv}.
 */
final class ReferenceGridOrder {

    private ReferenceGridOrder() {}

    /**
     * The comparator for a group's grid points, earlier points first.
     *
     * @param outcomes every tuning outcome of one (method, task); each key's value order is read
     *     off them in peft4j's grid order
     * @return the comparator
     */
    static Comparator<TuningOutcome> of(List<TuningOutcome> outcomes) {
        Map<String, List<String>> values = new TreeMap<>();
        outcomes.stream().sorted(Comparator.comparingInt(o -> o.trial().gridIndex()))
                .forEach(o -> point(o).forEach((key, value) -> {
                    List<String> seen = values.computeIfAbsent(key, k -> new ArrayList<>());
                    if (!seen.contains(value)) {
                        seen.add(value);
                    }
                }));
        Comparator<TuningOutcome> order = (a, b) -> 0;
        for (Map.Entry<String, List<String>> key : values.entrySet()) {
            List<String> grid = key.getValue();
            order = order.thenComparingInt(o -> grid.indexOf(point(o).get(key.getKey())));
        }
        return order;
    }

    /** A grid point under the reference's keys. */
    private static Map<String, String> point(TuningOutcome outcome) {
        TrialSettings s = outcome.trial().settings();
        Map<String, String> point = new LinkedHashMap<>();
        s.hyperparameters().forEach((key, value) -> point.put(ReferenceKeys.referenceKey(s.method(), key), value));
        point.put("lr", String.valueOf(s.recipe().lr()));
        point.put("wd", String.valueOf(s.recipe().weightDecay()));
        return point;
    }
}
