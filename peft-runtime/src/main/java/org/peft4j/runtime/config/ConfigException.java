package org.peft4j.runtime.config;

/** A configuration that cannot be used: an unknown key, a value of the wrong type, an unreadable file. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where (file and line, or "command line"), what is wrong and what was expected
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message where, what is wrong and what was expected
     * @param cause the underlying error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
