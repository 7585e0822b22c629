package org.peft4j.runtime.train;

/** What to do with an epoch checkpoint written by a run that differs from this one. */
public enum ResumeMismatch {
    /** Refuse with a sentence naming what differs; nothing is trained and nothing is deleted. */
    REFUSE,
    /** Move the old checkpoint aside (next to it, with the suffix {@code .mismatched}) and train from the start. */
    RESTART
}
