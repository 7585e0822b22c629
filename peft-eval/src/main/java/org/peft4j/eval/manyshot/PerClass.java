package org.peft4j.eval.manyshot;

import java.util.Locale;

/**
 * How many examples to take from each class: a fraction of the class ({@code 0.1} or {@code 10%})
 * or a count ({@code 100}).
 *
 * @param fraction the fraction in (0, 1], or 0 when a count is given
 * @param count the count, or 0 when a fraction is given
 */
public record PerClass(double fraction, int count) {

    /** Checks that exactly one of the two is given. */
    public PerClass {
        boolean byFraction = fraction > 0 && fraction <= 1 && count == 0;
        boolean byCount = fraction == 0 && count > 0;
        if (!byFraction && !byCount) {
            throw new IllegalArgumentException("a per-class amount is a fraction in (0, 1] or a positive count, got "
                    + "fraction " + fraction + " and count " + count);
        }
    }

    /**
     * Parses {@code 0.25}, {@code 25%} (fractions) or {@code 100} (a count).
     *
     * @param text the text
     * @param what what the amount is for, named in errors (e.g. {@code --train-per-class})
     * @return the amount
     * @throws IllegalArgumentException naming {@code what} if the text is neither
     */
    public static PerClass parse(String text, String what) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                return new PerClass(Double.parseDouble(t.substring(0, t.length() - 1)) / 100, 0);
            }
            if (t.contains(".")) {
                return new PerClass(Double.parseDouble(t), 0);
            }
            return new PerClass(0, Integer.parseInt(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a per-class amount: expected a count "
                    + "such as 100, a fraction such as 0.1, or a percentage such as 10%", e);
        }
    }

    /**
     * The number to take from a class of a given size: the count, or the fraction rounded to the
     * nearest integer (at least 1).
     *
     * @param classSize examples of the class
     * @return the number, which may exceed the class size for a count
     */
    public int of(int classSize) {
        return count > 0 ? count : Math.max(1, (int) Math.round(fraction * classSize));
    }

    @Override
    public String toString() {
        return count > 0 ? String.valueOf(count) : String.format(Locale.ROOT, "%s%%", fraction * 100);
    }
}
