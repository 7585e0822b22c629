package org.peft4j.cli;

/** A command cannot do its job; the message says why and what to do, in one sentence. */
final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    CommandException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what to do
     * @param cause the underlying failure
     */
    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
