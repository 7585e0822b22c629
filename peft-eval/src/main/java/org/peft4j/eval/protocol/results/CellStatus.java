package org.peft4j.eval.protocol.results;

import com.google.gson.annotations.SerializedName;

/** The state of one (method, task) in a result table. */
public enum CellStatus {
    /** Every final seed ran to the end. */
    @SerializedName("ok")
    OK,
    /** A final seed diverged, or every tuning trial that did not fail diverged. */
    @SerializedName("diverged")
    DIVERGED,
    /** A final seed failed, or every tuning trial failed. */
    @SerializedName("failed")
    FAILED,
    /** Trials are still to run. */
    @SerializedName("pending")
    PENDING;

    /**
     * The label printed in tables.
     *
     * @return lower-case name
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
