package org.peft4j.report;

import java.util.Locale;

/** How reports print numbers. */
final class Numbers {

    /** Printed for a missing number. */
    static final String MISSING = "–";

    private Numbers() {}

    /** Two decimals, or {@link #MISSING}. */
    static String fixed2(Double value) {
        return decimals(value, 2);
    }

    /** A fixed number of decimals, or {@link #MISSING}. */
    static String decimals(Double value, int decimals) {
        return value == null || value.isNaN() ? MISSING : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A parameter count with thousands separators, or {@link #MISSING}. */
    static String count(Double value) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** A parameter count in millions with up to 3 significant decimals, e.g. {@code 0.295M}. */
    static String millions(double value) {
        return value >= 1e6 ? String.format(Locale.ROOT, "%.1fM", value / 1e6)
                : value >= 1e3 ? String.format(Locale.ROOT, "%.1fK", value / 1e3)
                : String.format(Locale.ROOT, "%d", Math.round(value));
    }

    /** A percentage with 3 significant digits, or {@link #MISSING}. */
    static String percent(Double value) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%.3g%%", value);
    }

    /** The raw value for CSV (empty when missing). */
    static String raw(Double value) {
        return value == null || value.isNaN() ? "" : String.valueOf(value);
    }
}
