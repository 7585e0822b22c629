package org.peft4j.eval.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peft4j.api.Hyperparameter;
import org.peft4j.api.HyperparameterSchema;
import org.peft4j.runtime.plugins.RegisteredMethod;

/**
 * A method's tuning grid: the cartesian product of its tuned hyperparameters in schema order (the
 * last varying fastest), each with the schema's grid or the values given with
 * {@code --set method.key=v1,v2}, without the points where a schema grid is narrower
 * ({@link HyperparameterSchema#narrowGrid}, e.g. Pfeiffer's bottleneck under its init). The quick
 * protocol keeps only the overridden keys (a single default point otherwise).
 */
public final class MethodGrids {

    private MethodGrids() {}

    /**
     * Resolves a method's grid.
     *
     * @param method the registered method
     * @param overrides values by hyperparameter key, as text
     * @param quick whether to drop the schema's grids
     * @return the method with its complete grid points
     * @throws IllegalArgumentException naming the method and key of an unknown key or a bad value
     */
    public static MethodSpec resolve(RegisteredMethod method, Map<String, List<String>> overrides, boolean quick) {
        HyperparameterSchema schema = method.provider().schema();
        Map<String, List<Object>> values = new LinkedHashMap<>();
        Set<String> fromGrids = new HashSet<>();
        for (String key : overrides.keySet()) {
            if (schema.get(key).isEmpty()) {
                throw new IllegalArgumentException("--set " + method.name() + "." + key + ": method '" + method.name()
                        + "' has no hyperparameter '" + key + "'; it has " + names(schema));
            }
        }
        for (Hyperparameter h : schema.hyperparameters()) {
            List<String> given = overrides.get(h.name());
            if (given != null) {
                List<Object> parsed = new ArrayList<>();
                for (String text : given) {
                    try {
                        parsed.add(h.parse(text));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--set " + method.name() + "." + h.name() + ": "
                                + e.getMessage(), e);
                    }
                }
                values.put(h.name(), List.copyOf(new LinkedHashSet<>(parsed)));
            } else if (!quick && !h.grid().isEmpty()) {
                values.put(h.name(), h.grid());
                fromGrids.add(h.name());
            }
        }
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : values.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Map<String, String>> grid = new ArrayList<>();
        for (Map<String, Object> p : points) {
            Map<String, Object> point = schema.validateTyped(p).asMap();
            if (schema.withinGrids(point, fromGrids)) {
                Map<String, String> text = new LinkedHashMap<>();
                point.forEach((k, v) -> text.put(k, String.valueOf(v)));
                grid.add(text);
            }
        }
        return new MethodSpec(method.name(), method.version(), method.spiVersion(), grid);
    }

    private static String names(HyperparameterSchema schema) {
        List<String> names = schema.hyperparameters().stream().map(Hyperparameter::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
