package org.peft4j.runtime.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a list file of {@code path label} lines. Blank lines are skipped; every other line must
 * have exactly two fields, the second a base-10 integer below {@link DataLimits#maxClasses()}. A
 * leading UTF-8 byte order mark is skipped. Bad lines become problems, never
 * exceptions, so that all of them can be reported at once.
 */
final class LabelledListReader {

    /** How fields are separated. */
    enum Format {
        /** VTAB-1K lists: any run of whitespace, as Python's {@code str.split()}. */
        WHITESPACE(Pattern.compile("\\s+"), "'<path> <label>' separated by whitespace (paths must not contain spaces)"),
        /** CSV: one comma, no quoting; an optional first line {@code path,label} is a header. */
        CSV(Pattern.compile(","), "'<path>,<label>' separated by one comma (paths must not contain commas)");

        private final Pattern separator;
        private final String expected;

        Format(Pattern separator, String expected) {
            this.separator = separator;
            this.expected = expected;
        }
    }

    /**
     * A read list.
     *
     * @param samples well-formed lines in file order
     * @param problems bad lines, or the unreadable file
     * @param contentHash SHA-256 of the file's bytes ("" when the file cannot be read)
     */
    record Parsed(List<Sample> samples, List<DataProblem> problems, String contentHash) {}

    /** A UTF-8 byte order mark, as written by some editors; skipped at the start of a file. */
    private static final String BOM = "\uFEFF";

    private LabelledListReader() {}

    /**
     * Reads a list file.
     *
     * @param file the list file
     * @param format field separation
     * @return samples, problems and the content hash
     */
    static Parsed read(Path file, Format format) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return unreadable(file, "the list file does not exist; check the data path and the split name");
        } catch (IOException e) {
            return unreadable(file, "the list file cannot be read (" + e.getMessage() + "); check its permissions");
        }
        List<Sample> samples = new ArrayList<>();
        List<DataProblem> problems = new ArrayList<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = (text.startsWith(BOM) ? text.substring(1) : text).split("\n", -1);
        int maxClasses = DataLimits.current().maxClasses();
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean header = first && format == Format.CSV && line.equalsIgnoreCase("path,label");
            first = false;
            if (!header) {
                parseLine(file, i + 1, line, format, maxClasses, samples, problems);
            }
        }
        return new Parsed(samples, problems, ContentHash.sha256(bytes));
    }

    private static void parseLine(Path file, int lineNo, String line, Format format, int maxClasses,
            List<Sample> samples, List<DataProblem> problems) {
        String[] fields = format.separator.split(line, -1);
        if (fields.length != 2) {
            problems.add(new DataProblem(file, lineNo, "expected 2 fields " + format.expected + " but found "
                    + fields.length + " in '" + line + "'; fix or remove the line"));
            return;
        }
        String path = fields[0].strip();
        String label = fields[1].strip();
        if (path.isEmpty()) {
            problems.add(new DataProblem(file, lineNo, "the image path is empty; fix or remove the line"));
            return;
        }
        long value;
        try {
            value = Long.parseLong(label);
        } catch (NumberFormatException e) {
            problems.add(new DataProblem(file, lineNo, "the label '" + label
                    + "' is not an integer; labels must be 0-based class indices"));
            return;
        }
        if (value >= maxClasses) {
            problems.add(new DataProblem(file, lineNo, "the label " + value + " is above the limit of " + maxClasses
                    + " classes (data.max_classes); fix the label, or raise data.max_classes if the data set "
                    + "really has that many classes"));
            return;
        }
        samples.add(new Sample(path, (int) Math.max(value, Integer.MIN_VALUE), lineNo));
    }

    private static Parsed unreadable(Path file, String message) {
        return new Parsed(List.of(), List.of(new DataProblem(file, 0, message)), "");
    }
}
