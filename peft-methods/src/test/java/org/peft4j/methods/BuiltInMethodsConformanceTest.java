package org.peft4j.methods;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.testkit.MethodConformance;

/**
 * Runs the conformance kit on every provider that {@link ServiceLoader} finds on this module's
 * class path, with default hyperparameters, so every method registered in
 * {@code META-INF/services} is checked as soon as it is added.
 */
class BuiltInMethodsConformanceTest {

    @TestFactory
    Stream<DynamicContainer> everyRegisteredMethodConforms() {
        return ServiceLoader.load(PeftMethodProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(PeftMethodProvider::name))
                .map(provider -> dynamicContainer(provider.name(), new MethodConformance(provider).tests()));
    }
}
