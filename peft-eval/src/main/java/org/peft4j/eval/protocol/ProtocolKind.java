package org.peft4j.eval.protocol;

import com.google.gson.annotations.SerializedName;

/** Which protocol a comparison follows; every spec, record and report carries it. */
public enum ProtocolKind {
    /** The study's protocol: full grids and epochs (docs/methods.md#training-protocol, #tuning-protocol). */
    @SerializedName("study")
    STUDY,
    /** A smoke run: fewer epochs and smaller grids; its numbers are not the study's. */
    @SerializedName("quick")
    QUICK;

    /**
     * The label written in records and reports.
     *
     * @return "study" or "quick"
     */
    public String label() {
        return this == STUDY ? "study" : "quick";
    }
}
