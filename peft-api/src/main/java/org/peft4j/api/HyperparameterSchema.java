package org.peft4j.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ordered, typed hyperparameters of a method; validates user-given values. */
public final class HyperparameterSchema {

    private final Map<String, Hyperparameter> byName = new LinkedHashMap<>();
    private final List<GridRule> rules = new ArrayList<>();

    /** A narrower grid of {@code name} at the points where {@code when} has one of {@code values}. */
    private record GridRule(String name, List<Object> grid, String when, Set<String> values) {

        boolean excludes(Map<String, Object> point) {
            return values.contains(String.valueOf(point.get(when))) && !grid.contains(point.get(name));
        }
    }

    /**
     * Creates a schema.
     *
     * @param hyperparameters in display and grid order
     */
    public HyperparameterSchema(List<Hyperparameter> hyperparameters) {
        for (Hyperparameter h : hyperparameters) {
            if (byName.put(h.name(), h) != null) {
                throw new IllegalArgumentException("duplicate hyperparameter '" + h.name() + "'");
            }
            h.check(h.defaultValue());
        }
    }

    /**
     * A schema with the given hyperparameters.
     *
     * @param hyperparameters in order
     * @return the schema
     */
    public static HyperparameterSchema of(Hyperparameter... hyperparameters) {
        return new HyperparameterSchema(List.of(hyperparameters));
    }

    /**
     * A copy in which a hyperparameter's grid is narrower at the points where another
     * hyperparameter has certain values, e.g. the study tunes Pfeiffer's bottleneck over
     * {4, 8, 16, 32, 64} with the {@code lora_xavier} init but over {4, 8, 16, 32} with the others.
     *
     * @param name the narrowed hyperparameter
     * @param grid its grid there, within its own grid
     * @param when the hyperparameter that decides
     * @param values its values (as text) at which the narrower grid applies
     * @return the copy
     * @throws IllegalArgumentException for an unknown key or a value outside the grid
     */
    public HyperparameterSchema narrowGrid(String name, List<?> grid, String when, String... values) {
        Hyperparameter h = byName.get(name);
        if (h == null || !byName.containsKey(when)) {
            throw new IllegalArgumentException("narrowGrid: unknown hyperparameter '" + (h == null ? name : when) + "'");
        }
        List<Object> typed = grid.stream().map(v -> h.check(v)).toList();
        if (!h.grid().containsAll(typed)) {
            throw new IllegalArgumentException("narrowGrid: " + typed + " is not within " + name + "'s grid " + h.grid());
        }
        HyperparameterSchema copy = new HyperparameterSchema(List.copyOf(byName.values()));
        copy.rules.addAll(rules);
        copy.rules.add(new GridRule(name, typed, when, Set.of(values)));
        return copy;
    }

    /**
     * Whether a grid point respects the narrower grids of {@link #narrowGrid}.
     *
     * @param point the complete typed values
     * @param fromGrids the hyperparameters whose values at the point come from their grids (a value
     *     a user chose is never narrowed)
     * @return false if a narrowed hyperparameter of {@code fromGrids} is outside its grid there
     */
    public boolean withinGrids(Map<String, Object> point, Set<String> fromGrids) {
        return rules.stream().noneMatch(r -> fromGrids.contains(r.name()) && r.excludes(point));
    }

    /**
     * The hyperparameters, in order.
     *
     * @return an unmodifiable list
     */
    public List<Hyperparameter> hyperparameters() {
        return List.copyOf(byName.values());
    }

    /**
     * Looks up a hyperparameter.
     *
     * @param name its key
     * @return it, or empty
     */
    public Optional<Hyperparameter> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Validates text values and fills in defaults.
     *
     * @param values user-given values by key; may be empty
     * @return the complete, typed values
     * @throws InvalidHyperparameterException naming the first unknown, ill-typed or out-of-range key
     */
    public Hyperparameters validate(Map<String, String> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Hyperparameter h = byName.get(e.getKey());
            if (h == null) {
                throw new InvalidHyperparameterException(
                        e.getKey(), "unknown; expected one of " + (byName.isEmpty() ? "(none)" : byName.keySet()));
            }
            typed.put(h.name(), h.parse(e.getValue()));
        }
        return complete(typed);
    }

    /**
     * Validates typed values (for example one point of a tuning grid) and fills in defaults.
     *
     * @param values typed values by key
     * @return the complete values
     * @throws InvalidHyperparameterException naming the first unknown or out-of-range key
     */
    public Hyperparameters validateTyped(Map<String, Object> values) {
        Map<String, String> asText = new LinkedHashMap<>();
        values.forEach((k, v) -> asText.put(k, String.valueOf(v)));
        return validate(asText);
    }

    /**
     * The default tuning grid: the cartesian product of every tuned hyperparameter's grid, in
     * schema order, the last varying fastest, without the points that {@link #narrowGrid} excludes.
     * Untuned hyperparameters keep their defaults.
     *
     * @return grid points; a single default point if nothing is tuned
     */
    public List<Hyperparameters> defaultGrid() {
        return grid(Map.of());
    }

    /**
     * The default tuning grid with some hyperparameters fixed, e.g. Pfeiffer's with
     * {@code init=zero} (the study's {@code zero_adapter}): the other tuned hyperparameters range
     * over their grids, narrowed where {@link #narrowGrid} says so.
     *
     * @param fixed values as text by key
     * @return grid points, in the order of {@link #defaultGrid()}
     * @throws InvalidHyperparameterException for an unknown key or a bad value
     */
    public List<Hyperparameters> grid(Map<String, String> fixed) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>(validate(fixed).asMap()));
        Set<String> tuned = new java.util.HashSet<>();
        for (Hyperparameter h : byName.values()) {
            if (h.grid().isEmpty() || fixed.containsKey(h.name())) {
                continue;
            }
            tuned.add(h.name());
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : h.grid()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(h.name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Hyperparameters> out = new ArrayList<>();
        for (Map<String, Object> p : points) {
            Hyperparameters point = validateTyped(p);
            if (withinGrids(point.asMap(), tuned)) {
                out.add(point);
            }
        }
        return out;
    }

    private Hyperparameters complete(Map<String, Object> typed) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Hyperparameter h : byName.values()) {
            all.put(h.name(), typed.getOrDefault(h.name(), h.defaultValue()));
        }
        return new Hyperparameters(all);
    }
}
