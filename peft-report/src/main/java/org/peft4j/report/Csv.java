package org.peft4j.report;

import java.util.List;
import java.util.stream.Collectors;

/** CSV lines (RFC 4180 quoting). */
final class Csv {

    private Csv() {}

    /** One line: fields joined by commas, quoted where needed, ending with a newline. */
    static String line(List<String> fields) {
        return fields.stream().map(Csv::quote).collect(Collectors.joining(",")) + "\n";
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
