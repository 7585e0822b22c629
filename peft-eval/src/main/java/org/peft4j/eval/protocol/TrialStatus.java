package org.peft4j.eval.protocol;

import com.google.gson.annotations.SerializedName;

/** How a trial ended. */
public enum TrialStatus {
    /** Every epoch ran and the held-out split was evaluated. */
    @SerializedName("ok")
    OK,
    /** The training loss became NaN or infinite; training stopped. */
    @SerializedName("diverged")
    DIVERGED,
    /** An exception stopped the trial (bad data, a plugin that throws, a missing file, ...). */
    @SerializedName("failed")
    FAILED;

    /**
     * The label written in records and reports.
     *
     * @return "ok", "diverged" or "failed"
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
