package org.peft4j.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table with aligned columns: the first column left-aligned, the others right-aligned. */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of as many cells as the header. */
    MarkdownTable add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row of " + row.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** The table text, one line per row, ending with a newline. */
    String text() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(line(header, widths));
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? ":" + "-".repeat(widths[i] + 1) : "-".repeat(widths[i] + 1) + ":").append('|');
        }
        out.append(rule).append('\n');
        rows.forEach(r -> out.append(line(r, widths)));
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String pad = " ".repeat(widths[i] - cells.get(i).length());
            out.append(' ').append(i == 0 ? cells.get(i) + pad : pad + cells.get(i)).append(" |");
        }
        return out.append('\n').toString();
    }
}
