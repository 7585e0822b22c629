package org.peft4j.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only record of submissions, {@code slurm/jobs.tsv} in the store: one line per trial
 * and attempt after a header. With {@code squeue} it lets a restarted coordinator see which trials
 * have a live job.
 */
public final class JobsFile {

    /** The Slurm folder of a store. */
    public static final String FOLDER = "slurm";
    /** The file name. */
    public static final String NAME = "jobs.tsv";

    private static final String HEADER = "trial\tjob\tattempt\tsubmitted";

    private final Path file;

    /**
     * The jobs file of a store.
     *
     * @param store the store folder
     */
    public JobsFile(Path store) {
        this.file = store.resolve(FOLDER).resolve(NAME);
    }

    /**
     * Whether anything was ever submitted.
     *
     * @return true when the file exists
     */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * Every submission so far, in submission order (a line still being appended is left out).
     *
     * @return the entries (none when nothing was submitted)
     * @throws IllegalStateException naming the line that cannot be read
     */
    public List<JobEntry> read() {
        List<String> lines;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // a last line without its newline is being appended
            lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<JobEntry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.equals(HEADER)) {
                continue;
            }
            try {
                out.add(JobEntry.parse(line));
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + " is not a submission (" + e.getMessage()
                        + "); repair or remove the line", e);
            }
        }
        return out;
    }

    /**
     * Appends submissions.
     *
     * @param entries the new entries
     */
    public void append(List<JobEntry> entries) {
        StringBuilder text = new StringBuilder(exists() ? "" : HEADER + "\n");
        entries.forEach(e -> text.append(e.line()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
