package org.peft4j.runtime.io;

import java.nio.file.Path;

/** A checkpoint or tensor file that cannot be read or does not fit the model. */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the offending file
     * @param problem what is wrong and, where possible, what to do
     */
    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the offending file
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
