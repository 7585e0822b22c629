package org.peft4j.eval.protocol;

import com.google.gson.JsonParseException;

/**
 * The {@code spec.json} of a trial: its id, kind and settings, plus the tuning trial's grid index
 * or the final trial's provenance. Reading checks that the id is the hash of the content.
 */
public final class TrialFiles {

    /** Format tag of a trial spec. */
    public static final String FORMAT = "peft4j-trial/1";

    private record TrialFile(String format, String id, TrialKind kind, TrialSettings settings, Integer gridIndex,
            String selectedFrom, Integer seedIndex) {}

    private TrialFiles() {}

    /**
     * The JSON text of a trial.
     *
     * @param trial the trial
     * @return pretty-printed JSON
     */
    public static String toJson(Trial trial) {
        TrialFile file = trial instanceof FinalTrial f
                ? new TrialFile(FORMAT, f.id(), f.kind(), f.settings(), null, f.selectedFrom(), f.seedIndex())
                : new TrialFile(FORMAT, trial.id(), trial.kind(), trial.settings(), ((TuningTrial) trial).gridIndex(),
                        null, null);
        return Json.GSON.toJson(file);
    }

    /**
     * Reads a trial back.
     *
     * @param json the text of a {@code spec.json}
     * @param where the file, for messages
     * @return the trial
     * @throws IllegalArgumentException if the text is not a trial spec or its id does not match its content
     */
    public static Trial fromJson(String json, String where) {
        TrialFile file;
        try {
            file = Json.GSON.fromJson(json, TrialFile.class);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + " is not a readable trial spec (" + e.getMessage()
                    + "); delete the trial folder to let the comparison recreate it", e);
        }
        if (file == null || !FORMAT.equals(file.format()) || file.kind() == null || file.settings() == null) {
            throw new IllegalArgumentException(where + " is not a trial spec of format " + FORMAT
                    + "; delete the trial folder to let the comparison recreate it");
        }
        Trial trial = file.kind() == TrialKind.TUNING
                ? new TuningTrial(file.settings(), file.gridIndex() == null ? 0 : file.gridIndex())
                : new FinalTrial(file.settings(), String.valueOf(file.selectedFrom()),
                        file.seedIndex() == null ? 0 : file.seedIndex());
        if (!trial.id().equals(file.id())) {
            throw new IllegalArgumentException(where + " names trial " + file.id() + " but its content hashes to "
                    + trial.id() + "; the file was edited or written by another peft4j version, delete the trial folder");
        }
        return trial;
    }
}
