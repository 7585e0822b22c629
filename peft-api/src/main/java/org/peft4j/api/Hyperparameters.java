package org.peft4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Complete, validated hyperparameter values of one method instance, in schema order. */
public final class Hyperparameters {

    private final Map<String, Object> values;

    Hyperparameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * An integer value.
     *
     * @param name key
     * @return the value
     */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /**
     * A floating-point value.
     *
     * @param name key
     * @return the value
     */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * A boolean value.
     *
     * @param name key
     * @return the value
     */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /**
     * A choice value.
     *
     * @param name key
     * @return the value
     */
    public String getString(String name) {
        return (String) require(name);
    }

    /**
     * A choice value as a constant of the enum it was declared from (see
     * {@link Hyperparameter#choice(String, Class, Enum, String)}).
     *
     * @param name key
     * @param type the enum
     * @param <E> the enum
     * @return the constant whose {@link Hyperparameter#label(Enum) label} is the value
     * @throws InvalidHyperparameterException if no constant has that label
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String label = getString(name);
        for (E constant : type.getEnumConstants()) {
            if (Hyperparameter.label(constant).equals(label)) {
                return constant;
            }
        }
        throw new InvalidHyperparameterException(
                name, "'" + label + "' is not one of " + Hyperparameter.labels(type));
    }

    /**
     * All values by key, in schema order.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Compact form {@code k=v;k=v} in schema order, as in {@code param_counts.tsv}; {@code -} if empty.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "-";
        }
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidHyperparameterException(name, "not defined by this method's schema");
        }
        return v;
    }
}
