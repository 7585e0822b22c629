package org.peft4j.eval.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids of trials: hashes of what they run. */
public final class TrialIds {

    /** Hex digits of an id. */
    public static final int LENGTH = 20;

    private TrialIds() {}

    /**
     * The full configuration hash of a trial.
     *
     * @param kind the stage
     * @param settings the settings
     * @return SHA-256 (hex) of the canonical JSON of {@code {kind, settings}}
     */
    public static String configHash(TrialKind kind, TrialSettings settings) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        spec.put("settings", settings);
        return Json.sha256(spec);
    }

    /**
     * The id of a trial.
     *
     * @param kind the stage
     * @param settings the settings
     * @return the first {@value #LENGTH} hex digits of {@link #configHash}
     */
    public static String of(TrialKind kind, TrialSettings settings) {
        return configHash(kind, settings).substring(0, LENGTH);
    }
}
