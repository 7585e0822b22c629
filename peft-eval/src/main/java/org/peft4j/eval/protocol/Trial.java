package org.peft4j.eval.protocol;

/**
 * One training run of the protocol, fully described by its kind and settings. Its id is a hash
 * of both, so the same trial has the same id in every process and on every run.
 */
public sealed interface Trial permits TuningTrial, FinalTrial {

    /**
     * The stage.
     *
     * @return tuning or final
     */
    TrialKind kind();

    /**
     * What to train.
     *
     * @return the settings
     */
    TrialSettings settings();

    /**
     * The list file (without {@code .txt}) the trial trains on.
     *
     * @return the training split's name
     */
    String trainSplit();

    /**
     * The list file (without {@code .txt}) the trial is scored on, once, after the last epoch.
     *
     * @return the held-out split's name
     */
    String evalSplit();

    /**
     * The trial's id: the first 20 hex digits of the SHA-256 of the canonical JSON of
     * {@code {kind, settings}}.
     *
     * @return the id
     */
    default String id() {
        return TrialIds.of(kind(), settings());
    }
}
