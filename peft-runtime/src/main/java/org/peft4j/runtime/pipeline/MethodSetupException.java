package org.peft4j.runtime.pipeline;

/**
 * A method could not be created or attached: a bad hyperparameter, or a fault inside the method's
 * provider. The message is one sentence naming the method, its version and source, and what to
 * do; the cause is the original failure.
 */
public final class MethodSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param cause the original failure
     */
    public MethodSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
