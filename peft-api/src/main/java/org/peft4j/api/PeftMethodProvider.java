package org.peft4j.api;

/**
 * Entry point of a PEFT method plugin, discovered with {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation in {@code META-INF/services/org.peft4j.api.PeftMethodProvider}.
 * The provider describes the method (name, versions, citation, hyperparameter schema with the
 * study's tuning grid) and creates {@link PeftMethod} instances from validated hyperparameters.
 * Implementations need a public no-argument constructor and must be stateless.
 */
public interface PeftMethodProvider {

    /**
     * Unique method name used on the command line and in result files, e.g. {@code "lora"}.
     *
     * @return lower-case name of letters, digits, '-' and '_'
     */
    String name();

    /**
     * The SPI version this plugin was built against; normally {@link SpiVersion#CURRENT}.
     *
     * @return a {@code MAJOR.MINOR} string
     */
    default String spiVersion() {
        return SpiVersion.CURRENT;
    }

    /**
     * Version of the method implementation itself, recorded with every result.
     *
     * @return a version string
     */
    default String version() {
        return "1.0";
    }

    /**
     * One-line description shown by {@code peft methods}.
     *
     * @return human-readable description
     */
    String description();

    /**
     * Citation of the paper that introduced the method.
     *
     * @return e.g. {@code "Hu et al., LoRA, ICLR 2022"}
     */
    String citation();

    /**
     * Typed hyperparameters with defaults, ranges and the default tuning grid.
     *
     * @return the schema; empty if the method has none
     */
    HyperparameterSchema schema();

    /**
     * Creates the method for one model.
     *
     * @param hyperparameters values already validated against {@link #schema()}
     * @return a new method instance
     */
    PeftMethod create(Hyperparameters hyperparameters);
}
