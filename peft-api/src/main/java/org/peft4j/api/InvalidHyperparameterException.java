package org.peft4j.api;

/** A hyperparameter value that is unknown, ill-typed or out of range. */
public class InvalidHyperparameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key the offending hyperparameter's name
     * @param problem what is wrong with it
     */
    public InvalidHyperparameterException(String key, String problem) {
        super("hyperparameter '" + key + "': " + problem);
        this.key = key;
    }

    /**
     * The offending hyperparameter's name.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
