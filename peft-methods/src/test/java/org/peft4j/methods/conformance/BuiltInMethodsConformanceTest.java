package org.peft4j.methods.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.methods.TestModels;
import org.peft4j.testkit.MethodConformance;

/**
 * Pins every registered built-in method to the conformance kit, the one place that checks merged == unmerged.
 *
 * <p>The kit runs on every provider that {@link ServiceLoader} finds on this module's class path,
 * with default hyperparameters, so every method registered in {@code META-INF/services} is checked
 * as soon as it is added. The kit's merge check runs again at settings whose fold differs from the
 * default's (another rank, grouped convolutions, a large scale).
 */
class BuiltInMethodsConformanceTest {

    @TestFactory
    Stream<DynamicContainer> everyRegisteredMethodConforms() {
        return ServiceLoader.load(PeftMethodProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(PeftMethodProvider::name))
                .map(provider -> dynamicContainer(provider.name(), new MethodConformance(provider).tests()));
    }

    /** Mergeable methods at non-default points, each merged with the intended init and under reference-compat. */
    @TestFactory
    Stream<DynamicTest> mergeableMethodsMergeAtOtherSettings() {
        return Stream.of(
                        merge("lora", Map.of("rank", "4")),
                        merge("repadapter", Map.of("bottleneck", "8", "scale", "0.5")),
                        merge("repadapter", Map.of("bottleneck", "8", "scale", "0.5", "groups", "4")),
                        merge("fact_tt", Map.of("dim", "8", "scale", "10")),
                        merge("fact_tk", Map.of("dim", "8", "scale", "10")));
    }

    private static DynamicTest merge(String name, Map<String, String> hyperparameters) {
        MethodConformance kit = new MethodConformance(
                TestModels.provider(name), hyperparameters, MethodConformance.DEFAULT_BACKBONES);
        return dynamicTest(name + " " + hyperparameters + ": merged model matches unmerged", kit::mergedModelMatchesUnmerged);
    }
}
