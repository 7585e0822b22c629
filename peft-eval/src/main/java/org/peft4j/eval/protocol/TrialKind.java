package org.peft4j.eval.protocol;

import com.google.gson.annotations.SerializedName;

/** The two stages of the protocol. */
public enum TrialKind {
    /** A grid point trained on the tuning split and scored on the validation split. */
    @SerializedName("tuning")
    TUNING,
    /** The selected configuration retrained on train + val and evaluated once on test. */
    @SerializedName("final")
    FINAL;

    /**
     * The label written in records.
     *
     * @return "tuning" or "final"
     */
    public String label() {
        return this == TUNING ? "tuning" : "final";
    }
}
