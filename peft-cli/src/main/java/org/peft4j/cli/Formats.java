package org.peft4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number formats of the command output. */
final class Formats {

    private Formats() {}

    /**
     * A count with thousands separators.
     *
     * @param n the count
     * @return e.g. {@code 294,912}
     */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A share in percent.
     *
     * @param part the part
     * @param whole the whole, positive
     * @return e.g. {@code 0.3437%}
     */
    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.4f%%", 100.0 * part / whole);
    }

    /**
     * Rows aligned in columns, two spaces apart; the last column is not padded.
     *
     * @param indent text before each row
     * @param rows the cells of each row, every row of the same length
     * @return one line per row
     */
    static List<String> table(String indent, List<String[]> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns - 1; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            lines.add(line.append(row[columns - 1]).toString().stripTrailing());
        }
        return lines;
    }
}
