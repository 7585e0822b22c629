package org.peft4j.eval.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto front of accuracy (higher is better) against a cost (lower is better): the items no
 * other item dominates, where A dominates B when A is at least as accurate and at most as costly
 * and strictly better in one of the two. Items with the same accuracy and cost are both on the
 * front or both off it. Items whose accuracy or cost is not a finite number are left out.
 */
public final class ParetoFront {

    private ParetoFront() {}

    /**
     * Computes the front.
     *
     * @param items the candidates
     * @param accuracy an item's accuracy
     * @param cost an item's cost
     * @param <T> the item type
     * @return the items on the front, by ascending cost (then descending accuracy, then input order)
     */
    public static <T> List<T> of(List<T> items, ToDoubleFunction<T> accuracy, ToDoubleFunction<T> cost) {
        List<T> valid = items.stream()
                .filter(i -> Double.isFinite(accuracy.applyAsDouble(i)) && Double.isFinite(cost.applyAsDouble(i)))
                .toList();
        List<T> front = new ArrayList<>();
        for (T candidate : valid) {
            double a = accuracy.applyAsDouble(candidate);
            double c = cost.applyAsDouble(candidate);
            boolean dominated = valid.stream().anyMatch(o -> {
                double oa = accuracy.applyAsDouble(o);
                double oc = cost.applyAsDouble(o);
                return oa >= a && oc <= c && (oa > a || oc < c);
            });
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingDouble(cost).thenComparing(Comparator.comparingDouble(accuracy).reversed()));
        return front;
    }
}
