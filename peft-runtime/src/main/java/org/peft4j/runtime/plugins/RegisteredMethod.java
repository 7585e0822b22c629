package org.peft4j.runtime.plugins;

import java.util.Map;
import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethodProvider;

/**
 * A method the registry accepted: its provider and where it came from.
 *
 * @param name the method's unique name
 * @param version the method implementation's version
 * @param spiVersion the SPI version the plugin was built against
 * @param source the plugin JAR's path, {@value MethodRegistry#CLASSPATH} or {@value MethodRegistry#GIVEN}
 * @param provider the provider
 */
public record RegisteredMethod(
        String name, String version, String spiVersion, String source, PeftMethodProvider provider) {

    /**
     * Creates the method from hyperparameters written as text; missing ones take their defaults.
     *
     * @param hyperparameters values by key, e.g. {@code rank=8}
     * @return the configured instance
     * @throws org.peft4j.api.InvalidHyperparameterException naming an unknown, ill-typed or
     *     out-of-range key
     */
    public MethodInstance create(Map<String, String> hyperparameters) {
        return instantiate(provider.schema().validate(hyperparameters));
    }

    /**
     * Creates the method from typed hyperparameters, for example a point of the default grid. They
     * are validated again against this method's schema.
     *
     * @param hyperparameters typed values
     * @return the configured instance
     * @throws org.peft4j.api.InvalidHyperparameterException naming a key this method does not accept
     */
    public MethodInstance create(Hyperparameters hyperparameters) {
        return instantiate(provider.schema().validateTyped(hyperparameters.asMap()));
    }

    private MethodInstance instantiate(Hyperparameters validated) {
        return new MethodInstance(name, version, spiVersion, validated, provider.create(validated));
    }
}
