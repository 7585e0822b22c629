package org.peft4j.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One typed hyperparameter of a method: name, type, default, allowed range or choices, and the
 * values of the study's default tuning grid.
 *
 * @param name key used in configurations and on the command line, e.g. {@code rank}
 * @param type value type
 * @param defaultValue value used when none is given
 * @param min smallest allowed number (inclusive), or null
 * @param max largest allowed number (inclusive), or null
 * @param choices allowed values for {@link Type#CHOICE}, else empty
 * @param grid the study's tuning grid for this hyperparameter; empty if it is not tuned
 * @param description one line for {@code peft methods}
 */
public record Hyperparameter(
        String name,
        Type type,
        Object defaultValue,
        Double min,
        Double max,
        List<String> choices,
        List<Object> grid,
        String description) {

    /** Value types a hyperparameter may have. */
    public enum Type {
        /** A whole number. */
        INT,
        /** A floating-point number. */
        DOUBLE,
        /** true or false. */
        BOOLEAN,
        /** One of a fixed list of strings. */
        CHOICE
    }

    /** Validates the record's own consistency. */
    public Hyperparameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        grid = List.copyOf(grid);
    }

    /**
     * An integer hyperparameter.
     *
     * @param name key
     * @param defaultValue default
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param grid tuning grid
     * @param description one line
     * @return the hyperparameter
     */
    public static Hyperparameter integer(
            String name, int defaultValue, int min, int max, List<Integer> grid, String description) {
        return new Hyperparameter(
                name, Type.INT, defaultValue, (double) min, (double) max, List.of(), List.copyOf(grid), description);
    }

    /**
     * A floating-point hyperparameter.
     *
     * @param name key
     * @param defaultValue default
     * @param min smallest allowed value
     * @param max largest allowed value
     * @param grid tuning grid
     * @param description one line
     * @return the hyperparameter
     */
    public static Hyperparameter real(
            String name, double defaultValue, double min, double max, List<Double> grid, String description) {
        return new Hyperparameter(
                name, Type.DOUBLE, defaultValue, min, max, List.of(), List.copyOf(grid), description);
    }

    /**
     * A boolean hyperparameter that is not tuned.
     *
     * @param name key
     * @param defaultValue default
     * @param description one line
     * @return the hyperparameter
     */
    public static Hyperparameter bool(String name, boolean defaultValue, String description) {
        return bool(name, defaultValue, List.of(), description);
    }

    /**
     * A boolean hyperparameter that is tuned over the given values.
     *
     * @param name key
     * @param defaultValue default
     * @param grid tuning grid, e.g. {@code List.of(true, false)}
     * @param description one line
     * @return the hyperparameter
     */
    public static Hyperparameter bool(String name, boolean defaultValue, List<Boolean> grid, String description) {
        return new Hyperparameter(name, Type.BOOLEAN, defaultValue, null, null, List.of(), List.copyOf(grid), description);
    }

    /**
     * A hyperparameter taking one of several strings (not tuned).
     *
     * @param name key
     * @param defaultValue default, one of the choices
     * @param choices allowed values
     * @param description one line
     * @return the hyperparameter
     */
    public static Hyperparameter choice(
            String name, String defaultValue, List<String> choices, String description) {
        return new Hyperparameter(name, Type.CHOICE, defaultValue, null, null, choices, List.of(), description);
    }

    /**
     * A hyperparameter taking one constant of an enum (not tuned). Its textual form, in
     * configurations and result files, is the constant's {@link #label(Enum) label}; read it back
     * with {@link Hyperparameters#choice(String, Class)}.
     *
     * @param name key
     * @param type the enum; its constants, in declaration order, are the choices
     * @param defaultValue default constant
     * @param description one line
     * @param <E> the enum
     * @return the hyperparameter
     */
    public static <E extends Enum<E>> Hyperparameter choice(
            String name, Class<E> type, E defaultValue, String description) {
        return choice(name, label(defaultValue), labels(type), description);
    }

    /**
     * The textual form of an enum constant used as a choice: its {@link ChoiceLabel#label()} if the
     * enum implements {@link ChoiceLabel}, else its name in lower case ({@code QKV_PROJ} →
     * {@code qkv_proj}).
     *
     * @param constant the constant
     * @return its label
     */
    public static String label(Enum<?> constant) {
        return constant instanceof ChoiceLabel l ? l.label() : constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The labels of an enum's constants, in declaration order.
     *
     * @param type the enum
     * @param <E> the enum
     * @return the labels
     */
    public static <E extends Enum<E>> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Hyperparameter::label).toList();
    }

    /**
     * Parses and checks a value given as text.
     *
     * @param text the value as written by a user
     * @return the typed value
     * @throws InvalidHyperparameterException if it has the wrong type or is out of range
     */
    public Object parse(String text) {
        String t = text.trim();
        Object value;
        try {
            value = switch (type) {
                case INT -> Integer.parseInt(t);
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> parseBoolean(t);
                case CHOICE -> t;
            };
        } catch (NumberFormatException e) {
            throw new InvalidHyperparameterException(
                    name, "'" + text + "' is not " + (type == Type.INT ? "an integer" : "a number"));
        }
        return check(value);
    }

    /**
     * Checks a typed value against the range or choices.
     *
     * @param value a value of this hyperparameter's type
     * @return the value
     * @throws InvalidHyperparameterException if it is out of range
     */
    public Object check(Object value) {
        if (type == Type.CHOICE && !choices.contains(value)) {
            throw new InvalidHyperparameterException(name, "'" + value + "' is not one of " + choices);
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            if ((min != null && v < min) || (max != null && v > max) || Double.isNaN(v)) {
                throw new InvalidHyperparameterException(
                        name, value + " is outside the allowed range [" + fmt(min) + ", " + fmt(max) + "]");
            }
        }
        return value;
    }

    private Boolean parseBoolean(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new InvalidHyperparameterException(name, "'" + t + "' is not true or false");
    }

    private String fmt(Double bound) {
        if (bound == null) {
            return "any";
        }
        return type == Type.INT ? String.valueOf(bound.longValue()) : String.valueOf(bound);
    }
}
