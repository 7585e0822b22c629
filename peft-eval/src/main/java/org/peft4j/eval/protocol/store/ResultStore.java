package org.peft4j.eval.protocol.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.protocol.ComparisonSpec;
import org.peft4j.eval.protocol.Json;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialFiles;
import org.peft4j.eval.protocol.TrialIds;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.io.Sha256;
import org.peft4j.runtime.train.EvalResult;

/**
 * One comparison on disk:
 * <pre>
 * comparison.json                  the resolved {@link ComparisonSpec}
 * trials/&lt;id&gt;/spec.json           the trial (kind, settings; id = hash of both)
 * trials/&lt;id&gt;/record.json         its {@link TrialRecord}, with a checksum
 * trials/&lt;id&gt;/predictions.safetensors  per-example test predictions and probabilities (final trials)
 * trials/&lt;id&gt;/checkpoint/         the trainer's epoch checkpoint while the trial runs
 * trials/&lt;id&gt;/claim-&lt;n&gt;.json      the claim of the process running it
 * trials/&lt;id&gt;/attempts.log        one line per start: attempt, host:pid, time
 * results.md, results.csv, results.json   the result table
 * </pre>
 * Every file is written atomically. A record that fails its checksum is renamed to
 * {@code record.corrupt-<millis>.json}, logged, and the trial counts as not run.
 */
public final class ResultStore {

    /** The comparison spec file. */
    public static final String SPEC = "comparison.json";
    /** The folder of the trials. */
    public static final String TRIALS = "trials";
    /** A trial's spec file. */
    public static final String TRIAL_SPEC = "spec.json";
    /** A trial's record file. */
    public static final String RECORD = "record.json";
    /** A trial's epoch checkpoint folder. */
    public static final String CHECKPOINT = "checkpoint";
    /** A trial's attempt log. */
    public static final String ATTEMPTS = "attempts.log";

    private static final Logger LOG = LogManager.getLogger(ResultStore.class);

    private final Path root;
    private final ComparisonSpec spec;

    private ResultStore(Path root, ComparisonSpec spec) {
        this.root = root;
        this.spec = spec;
    }

    /**
     * Whether a folder holds a comparison.
     *
     * @param root the store folder
     * @return true when {@value #SPEC} exists
     */
    public static boolean exists(Path root) {
        return Files.isRegularFile(root.resolve(SPEC));
    }

    /**
     * Creates a store, or opens it when it already holds the same comparison (resuming).
     *
     * @param root the store folder
     * @param spec the comparison
     * @return the store
     * @throws IllegalStateException if the folder holds a different comparison
     */
    public static ResultStore create(Path root, ComparisonSpec spec) {
        Path root0 = root.toAbsolutePath().normalize();
        if (!exists(root0) && AtomicFiles.createNew(root0.resolve(SPEC), Json.GSON.toJson(spec) + "\n")) {
            return new ResultStore(root0, spec);
        }
        // The spec existed, or another process created it a moment ago: the same comparison resumes.
        ComparisonSpec stored = readSpec(root0);
        List<String> differences = differences(stored, spec);
        if (!differences.isEmpty()) {
            throw new IllegalStateException(root0 + " holds another comparison (it differs in "
                    + String.join(", ", differences)
                    + "); use another --store folder, or delete this one to start over");
        }
        return new ResultStore(root0, stored);
    }

    /**
     * Opens an existing store.
     *
     * @param root the store folder
     * @return the store
     * @throws IllegalArgumentException if the folder holds no comparison
     */
    public static ResultStore open(Path root) {
        Path root0 = root.toAbsolutePath().normalize();
        if (!exists(root0)) {
            throw new IllegalArgumentException(root0 + " holds no comparison (no " + SPEC
                    + "); start one with 'peft compare --store " + root + "'");
        }
        return new ResultStore(root0, readSpec(root0));
    }

    private static ComparisonSpec readSpec(Path root) {
        Path file = root.resolve(SPEC);
        try {
            ComparisonSpec spec = Json.GSON.fromJson(Files.readString(file), ComparisonSpec.class);
            if (spec == null || !ComparisonSpec.FORMAT.equals(spec.format())) {
                throw new IllegalArgumentException("not of format " + ComparisonSpec.FORMAT);
            }
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + " is not a readable comparison spec (" + e.getMessage()
                    + "); restore it or start the comparison in another folder", e);
        }
    }

    private static List<String> differences(ComparisonSpec a, ComparisonSpec b) {
        JsonObject x = JsonParser.parseString(Json.canonical(a)).getAsJsonObject();
        JsonObject y = JsonParser.parseString(Json.canonical(b)).getAsJsonObject();
        List<String> keys = new ArrayList<>();
        for (String key : x.keySet()) {
            JsonElement other = y.get(key);
            if (!x.get(key).equals(other)) {
                keys.add(key);
            }
        }
        y.keySet().stream().filter(k -> !x.has(k)).forEach(keys::add);
        return keys;
    }

    /**
     * The store folder.
     *
     * @return its absolute path
     */
    public Path root() {
        return root;
    }

    /**
     * The comparison.
     *
     * @return the spec as stored
     */
    public ComparisonSpec spec() {
        return spec;
    }

    /**
     * A trial's folder.
     *
     * @param id the trial id
     * @return {@code trials/<id>}
     */
    public Path trialDir(String id) {
        if (!id.matches("[0-9a-f]{" + TrialIds.LENGTH + "}")) {
            throw new IllegalArgumentException("'" + id + "' is not a trial id (" + TrialIds.LENGTH
                    + " hex digits); list them under " + root.resolve(TRIALS));
        }
        return root.resolve(TRIALS).resolve(id);
    }

    /**
     * A trial's epoch checkpoint folder.
     *
     * @param id the trial id
     * @return {@code trials/<id>/checkpoint}
     */
    public Path checkpointDir(String id) {
        return trialDir(id).resolve(CHECKPOINT);
    }

    /**
     * Writes a trial's spec file unless it is already there.
     *
     * @param trial the trial
     */
    public void writeTrial(Trial trial) {
        Path file = trialDir(trial.id()).resolve(TRIAL_SPEC);
        if (!Files.isRegularFile(file)) {
            AtomicFiles.writeString(file, TrialFiles.toJson(trial) + "\n");
        }
    }

    /**
     * Reads a trial's spec file.
     *
     * @param id the trial id
     * @return the trial
     * @throws IllegalArgumentException if the trial is unknown or its spec does not match its id
     */
    public Trial readTrial(String id) {
        Path file = trialDir(id).resolve(TRIAL_SPEC);
        try {
            return TrialFiles.fromJson(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trial " + id + " is not in " + root + " (no " + file
                    + "); list the trials of the comparison with 'ls " + root.resolve(TRIALS) + "'", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record of a finished trial, verified: checksum, id, and the predictions file's hash. A
     * record that fails is logged, renamed to {@code record.corrupt-<millis>.json} and treated
     * as absent, so the trial runs again.
     *
     * @param id the trial id
     * @return the record, or empty when the trial has not finished (or its record was corrupt)
     */
    public Optional<TrialRecord> record(String id) {
        Path file = trialDir(id).resolve(RECORD);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            TrialRecord record = RecordFiles.decode(text);
            if (!record.trialId().equals(id)) {
                throw new CorruptRecordException("it is the record of trial " + record.trialId());
            }
            verifyPredictions(id, record);
            return Optional.of(record);
        } catch (CorruptRecordException e) {
            Path aside = file.resolveSibling("record.corrupt-" + System.currentTimeMillis() + ".json");
            LOG.warn("trial {}: the record {} is corrupt ({}); it is kept as {} and the trial will run again", id,
                    file, e.getMessage(), aside.getFileName());
            moveAside(file, aside);
            return Optional.empty();
        }
    }

    private void verifyPredictions(String id, TrialRecord record) throws CorruptRecordException {
        if (record.predictions() == null) {
            return;
        }
        Path file = trialDir(id).resolve(record.predictions().file());
        if (!Files.isRegularFile(file)) {
            throw new CorruptRecordException("its predictions file " + file.getFileName() + " is missing");
        }
        if (!Sha256.ofFile(file).equals(record.predictions().sha256())) {
            throw new CorruptRecordException("its predictions file " + file.getFileName() + " does not match its SHA-256");
        }
    }

    private static void moveAside(Path file, Path aside) {
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            LOG.debug("{} was moved by another process", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the corrupt record " + file + " aside: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a trial's record atomically, unless the trial has one already: a record, once
     * written, is never replaced (a process that lost its claim cannot overwrite the new owner's).
     *
     * @param record the record
     * @return true when this call wrote it, false when a record existed
     */
    public boolean writeRecord(TrialRecord record) {
        return AtomicFiles.createNew(trialDir(record.trialId()).resolve(RECORD), RecordFiles.encode(record));
    }

    /**
     * Writes a final trial's predictions atomically.
     *
     * @param id the trial id
     * @param eval the test evaluation
     * @param split the evaluated split
     * @return what the record says about the file
     */
    public TrialRecord.PredictionsInfo writePredictions(String id, EvalResult eval, String split) {
        Path file = trialDir(id).resolve(PredictionsFile.NAME);
        PredictionsFile.write(file, eval, id, split);
        return new TrialRecord.PredictionsInfo(PredictionsFile.NAME, Sha256.ofFile(file), eval.size(), eval.numClasses());
    }

    /**
     * Reads a final trial's predictions.
     *
     * @param id the trial id
     * @return the predictions
     */
    public PredictionsFile.Predictions readPredictions(String id) {
        return PredictionsFile.read(trialDir(id).resolve(PredictionsFile.NAME));
    }

    /**
     * A trial's training curve file.
     *
     * @param id the trial id
     * @return {@code trials/<id>/curve.csv}
     */
    public Path curveFile(String id) {
        return trialDir(id).resolve(CurveFile.NAME);
    }

    /**
     * Reads a trial's training curve.
     *
     * @param id the trial id
     * @return the epochs recorded so far, or empty when the trial has no curve file
     */
    public Optional<List<CurvePoint>> readCurve(String id) {
        return CurveFile.read(curveFile(id));
    }

    /**
     * Logs the start of an attempt at a trial.
     *
     * @param id the trial id
     * @param who the process
     * @return the attempt's number, 1 for the first
     */
    public int beginAttempt(String id, ProcessIdentity who) {
        int attempt = attempts(id) + 1;
        String line = attempt + " " + who + " " + java.time.Instant.now() + "\n";
        try {
            Files.createDirectories(trialDir(id));
            Files.writeString(trialDir(id).resolve(ATTEMPTS), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + trialDir(id).resolve(ATTEMPTS) + ": " + e.getMessage(), e);
        }
        return attempt;
    }

    /**
     * Logs that an attempt at a trial ended in a failure of the environment (out of memory, disk
     * full, ...): the trial has no record and will be retried.
     *
     * @param id the trial id
     * @param attempt the attempt's number
     * @param error what failed, one line
     */
    public void failAttempt(String id, int attempt, String error) {
        String line = attempt + " failed " + java.time.Instant.now() + " " + error.replaceAll("\\s*\\R\\s*", " ") + "\n";
        try {
            Files.writeString(trialDir(id).resolve(ATTEMPTS), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot log the failed attempt in {}: {}", trialDir(id).resolve(ATTEMPTS), e.getMessage());
        }
    }

    /**
     * The last failure of the environment logged for a trial.
     *
     * @param id the trial id
     * @return the error of the last failed attempt, or empty
     */
    public Optional<String> lastFailure(String id) {
        return attemptLog(id).lastFailure();
    }

    /**
     * How many times a trial was started.
     *
     * @param id the trial id
     * @return attempts begun (lines of its attempt log that are not failures)
     */
    public int attempts(String id) {
        return attemptLog(id).started();
    }

    /**
     * What a trial's attempt log says, read once.
     *
     * @param started attempts begun
     * @param lastFailure the error of the last attempt the machine failed, if any
     */
    public record AttemptLog(int started, Optional<String> lastFailure) {}

    /**
     * Reads a trial's attempt log. A line torn by a kill counts as the start it was being written for.
     *
     * @param id the trial id
     * @return attempts begun and the last failure; none of either without a log
     */
    public AttemptLog attemptLog(String id) {
        List<String> lines;
        try {
            lines = Files.readAllLines(trialDir(id).resolve(ATTEMPTS));
        } catch (NoSuchFileException e) {
            return new AttemptLog(0, Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attempt log of trial " + id + ": " + e.getMessage(), e);
        }
        int started = 0;
        String lastFailure = null;
        for (String line : lines) {
            String[] fields = line.split(" ", 4);
            if (line.isBlank()) {
                continue;
            } else if (fields.length >= 2 && fields[1].equals("failed")) {
                lastFailure = fields.length == 4 ? fields[3] : lastFailure;
            } else {
                started++;
            }
        }
        return new AttemptLog(started, Optional.ofNullable(lastFailure));
    }

    /**
     * Removes the temporary files that a killed process left in a trial's folder and its epoch
     * checkpoint: call it while holding the trial's claim.
     *
     * @param id the trial id
     * @param olderThan minimum age of a leftover (a process that lost its claim may still write for a while)
     * @return how many were removed
     */
    public int removeStaleTemporaries(String id, java.time.Duration olderThan) {
        int removed = AtomicFiles.removeStaleTemporaries(trialDir(id), olderThan)
                + AtomicFiles.removeStaleTemporaries(checkpointDir(id), olderThan);
        if (removed > 0) {
            LOG.info("trial {}: removed {} temporary file(s) left by an interrupted write", id, removed);
        }
        return removed;
    }

    /**
     * Deletes a trial's epoch checkpoint once its record is written.
     *
     * @param id the trial id
     */
    public void deleteCheckpoint(String id) {
        Path dir = checkpointDir(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the epoch checkpoint {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Ids of the trials that have a folder.
     *
     * @return ids in name order
     */
    public List<String> trialIds() {
        Path dir = root.resolve(TRIALS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
