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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

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
    private static final Logger LOG = LogManager.getLogger(JobsFile.class);

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
     * Every submitted job so far, in submission order (without the write-ahead intents, see
     * {@link SubmissionIntents}).
     *
     * @return the entries (none when nothing was submitted)
     */
    public List<JobEntry> read() {
        return SubmissionIntents.submitted(entries());
    }

    /**
     * Every line so far, intents included, in file order. A line still being appended is left
     * out, and so is a line torn by a crash (a later append ended it): it is logged and skipped.
     *
     * @return the entries (none when nothing was submitted)
     */
    List<JobEntry> entries() {
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
                LOG.warn("{} line {} is not a whole submission ({}), probably torn by a crash; skipping it", file, i + 1,
                        e.getMessage());
            }
        }
        return out;
    }

    /** False when a crash left a torn last line: the next append first ends it, so that it stays a line of its own. */
    private boolean endsWithNewline() {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            if (ch.size() == 0) {
                return true;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) == '\n';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends submissions.
     *
     * @param entries the new entries
     */
    public void append(List<JobEntry> entries) {
        StringBuilder text = new StringBuilder(exists() ? (endsWithNewline() ? "" : "\n") : HEADER + "\n");
        entries.forEach(e -> text.append(e.line()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
