package org.peft4j.eval.protocol.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * A trial's training curve, {@code trials/<id>/}{@value #NAME}: one CSV line per epoch with the
 * header {@value #HEADER}. The file is replaced atomically after every epoch, so a killed trial
 * leaves the curve of its last finished epoch.
 */
public final class CurveFile {

    /** The file name inside a trial's folder. */
    public static final String NAME = "curve.csv";

    /** The header line. */
    public static final String HEADER = "epoch,train_loss,lr,seconds,eval_accuracy";

    /** Largest curve file read (a million epochs would not reach it). */
    static final long MAX_BYTES = 16L << 20;

    private CurveFile() {}

    /**
     * Writes a curve atomically.
     *
     * @param file the file
     * @param points the epochs in order
     */
    public static void write(Path file, List<CurvePoint> points) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (CurvePoint p : points) {
            out.append(p.epoch()).append(',').append(p.trainLoss()).append(',').append(p.lr()).append(',')
                    .append(p.seconds()).append(',').append(p.evalAccuracy() == null ? "" : p.evalAccuracy())
                    .append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /**
     * Reads a curve.
     *
     * @param file the file
     * @return the epochs in order, or empty when the file does not exist
     * @throws IllegalArgumentException naming the file and line when it is not a curve file
     */
    public static Optional<List<CurvePoint>> read(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + (MAX_BYTES >> 20)
                        + " MiB, too large for a training curve; delete it (it is only a record of the training)");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + " does not start with the header '" + HEADER
                    + "'; it is not a training curve of this peft4j version, delete it");
        }
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            CurvePoint p = parse(lines.get(i), file, i + 1);
            if (!points.isEmpty() && p.epoch() <= points.get(points.size() - 1).epoch()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": epoch " + p.epoch()
                        + " does not follow epoch " + points.get(points.size() - 1).epoch() + "; delete the file");
            }
            points.add(p);
        }
        return Optional.of(List.copyOf(points));
    }

    private static CurvePoint parse(String line, Path file, int number) {
        String[] f = line.split(",", -1);
        try {
            if (f.length != 5) {
                throw new NumberFormatException(f.length + " fields instead of 5");
            }
            int epoch = Integer.parseInt(f[0]);
            if (epoch < 0) {
                throw new NumberFormatException("negative epoch " + epoch);
            }
            return new CurvePoint(epoch, Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), f[4].isEmpty() ? null : Double.parseDouble(f[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + number + " is not '" + HEADER + "' ("
                    + e.getMessage() + "); delete the file", e);
        }
    }
}
