package org.peft4j.api;

/**
 * Implemented by an enum used as a typed choice (see
 * {@link Hyperparameter#choice(String, Class, Enum, String)}) whose textual form is not its
 * lower-case constant name.
 */
public interface ChoiceLabel {

    /**
     * The value as written in configurations, on the command line and in result files.
     *
     * @return the label, unique within the enum
     */
    String label();
}
