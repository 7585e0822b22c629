package org.peft4j.eval.protocol.store;

/** A record file that cannot be trusted: truncated, not JSON, or its checksum does not match. */
public final class CorruptRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public CorruptRecordException(String message) {
        super(message);
    }
}
