package org.peft4j.slurm;

/** A Slurm command was not found or failed; the message says what to do. */
public final class SlurmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: what failed and what to do
     */
    public SlurmException(String message) {
        super(message);
    }
}
