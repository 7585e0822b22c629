package org.peft4j.runtime.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import org.peft4j.runtime.device.DeviceSpec;
import org.peft4j.runtime.vit.VitConfig;

/**
 * How the text of a setting becomes a typed value, and how to describe what is accepted.
 *
 * @param <T> the value type
 */
public final class SettingType<T> {

    /** An integer of at least 1. */
    public static final SettingType<Integer> POSITIVE_INT = integer("a positive integer", 1);
    /** An integer of at least 0. */
    public static final SettingType<Integer> NON_NEGATIVE_INT = integer("an integer >= 0", 0);
    /** A 64-bit integer of at least 1. */
    public static final SettingType<Long> POSITIVE_LONG = new SettingType<>("a positive integer", text -> {
        long value = Long.parseLong(text);
        if (value < 1) {
            throw new IllegalArgumentException(value + " < 1");
        }
        return value;
    });
    /** Any 64-bit integer. */
    public static final SettingType<Long> LONG = new SettingType<>("an integer", Long::parseLong);
    /** A finite number of at least 0. */
    public static final SettingType<Double> NON_NEGATIVE_NUMBER = number("a number >= 0", x -> x >= 0);
    /** A number in [0, 1). */
    public static final SettingType<Double> FRACTION = number("a number in [0, 1)", x -> x >= 0 && x < 1);
    /** A comma-separated list of positive numbers. */
    public static final SettingType<List<Double>> POSITIVE_NUMBERS = list("a comma-separated list of numbers > 0", x -> x > 0);
    /** A comma-separated list of numbers of at least 0. */
    public static final SettingType<List<Double>> NON_NEGATIVE_NUMBERS = list("a comma-separated list of numbers >= 0", x -> x >= 0);
    /** {@code true} or {@code false}. */
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("true or false", SettingType::bool);
    /** A file system path. */
    public static final SettingType<Path> PATH = new SettingType<>("a path", SettingType::path);
    /**
     * A folder of the installation: a relative path resolves against the installation folder (the
     * system property {@value #HOME_PROPERTY}, which the launchers set), never against the working
     * directory, so that running peft in a folder someone else prepared does not load their code.
     * Without an installation (peft4j used as a library) it resolves against the working directory.
     */
    public static final SettingType<Path> INSTALLATION_PATH = new SettingType<>("a path",
            text -> installationRelative(path(text)));
    /** The system property naming the installation folder. */
    public static final String HOME_PROPERTY = "peft4j.home";
    /** A file system path, or empty for none. */
    public static final SettingType<Optional<Path>> OPTIONAL_PATH = new SettingType<>("a path, or nothing",
            text -> text.isBlank() ? Optional.empty() : Optional.of(path(text)));
    /** A device request. */
    public static final SettingType<DeviceSpec> DEVICE = new SettingType<>(DeviceSpec.EXPECTED, DeviceSpec::parse);
    /** Any text, possibly empty, surrounding blanks removed. */
    public static final SettingType<String> TEXT = new SettingType<>("any text", text -> text);
    /** A backbone preset name. */
    public static final SettingType<String> MODEL = new SettingType<>("one of " + VitConfig.PRESETS,
            text -> VitConfig.preset(text, 1).name());

    private static Path installationRelative(Path path) {
        String home = System.getProperty(HOME_PROPERTY);
        return path.isAbsolute() || home == null || home.isBlank() ? path : Path.of(home).resolve(path).normalize();
    }

    private final String expected;
    private final Function<String, T> parser;

    private SettingType(String expected, Function<String, T> parser) {
        this.expected = expected;
        this.parser = parser;
    }

    /**
     * What values are accepted, for messages.
     *
     * @return e.g. "a positive integer"
     */
    public String expected() {
        return expected;
    }

    /**
     * Parses a value.
     *
     * @param text the text, surrounding blanks ignored
     * @return the value
     * @throws IllegalArgumentException if the text is not of this type
     */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + expected, e);
        }
    }

    private static SettingType<Integer> integer(String expected, int min) {
        return new SettingType<>(expected, text -> {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw new IllegalArgumentException(value + " < " + min);
            }
            return value;
        });
    }

    private static double finite(String text, DoublePredicate allowed) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value) || !allowed.test(value)) {
            throw new IllegalArgumentException(text + " is out of range");
        }
        return value;
    }

    private static SettingType<Double> number(String expected, DoublePredicate allowed) {
        return new SettingType<>(expected, text -> finite(text, allowed));
    }

    private static SettingType<List<Double>> list(String expected, DoublePredicate allowed) {
        return new SettingType<>(expected, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty list");
            }
            return Arrays.stream(text.split(",")).map(s -> finite(s.trim(), allowed)).toList();
        });
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
