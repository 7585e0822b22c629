package org.peft4j.runtime.plugins;

import org.peft4j.api.Hyperparameters;
import org.peft4j.api.PeftMethod;

/**
 * A configured method together with what is needed to re-create it: the provider's name and
 * versions and the validated hyperparameters. Adapter files record these.
 *
 * @param name the method's name
 * @param version the method implementation's version
 * @param spiVersion the SPI version its plugin was built against
 * @param hyperparameters the complete, validated hyperparameters
 * @param method the method instance, ready to attach to one model
 */
public record MethodInstance(
        String name, String version, String spiVersion, Hyperparameters hyperparameters, PeftMethod method) {}
