package org.peft4j.runtime.data;

import java.nio.file.Path;

/**
 * A split given as a CSV file of {@code path,label} lines (an optional first line
 * {@code path,label} is a header; no quoting, so paths must not contain commas). Paths resolve
 * against a root folder, by default the CSV file's folder.
 */
public final class CsvDataset {

    private CsvDataset() {}

    /**
     * Reads a CSV split whose paths are relative to the CSV's folder, deriving the number of
     * classes as the largest label + 1.
     *
     * @param csv the CSV file
     * @return the split, named after the file without extension
     */
    public static DataSplit read(Path csv) {
        return read(csv, csv.toAbsolutePath().getParent(), 0);
    }

    /**
     * Reads a CSV split.
     *
     * @param csv the CSV file
     * @param root folder the image paths are relative to
     * @param numClasses declared number of classes, or 0 to derive it as the largest label + 1
     * @return the split, named after the file without extension
     */
    public static DataSplit read(Path csv, Path root, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("the number of classes must be positive (or 0 to derive it), got " + numClasses);
        }
        LabelledListReader.Parsed parsed = LabelledListReader.read(csv, LabelledListReader.Format.CSV);
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        int classes = numClasses > 0 ? numClasses : DataSplit.derivedClassCount(parsed.samples());
        return new DataSplit(name, root, csv, parsed.samples(), classes, parsed.contentHash(), parsed.problems());
    }
}
