package org.peft4j.testkit;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.vit.VitConfig;

/**
 * The conformance tests of a PEFT method plugin. Extend it in one line:
 *
 * <pre>{@code
 * class MyMethodConformanceTest extends PeftMethodConformanceTest {
 *     protected PeftMethodProvider provider() { return new MyMethodProvider(); }
 * }
 * }</pre>
 *
 * <p>Override {@link #hyperparameters()} to test other values than the defaults and
 * {@link #backbones()} to test other architectures. The checks are those of
 * {@link MethodConformance}; tests of capabilities the method lacks are skipped.
 */
public abstract class PeftMethodConformanceTest {

    /**
     * The provider under test.
     *
     * @return a new provider instance
     */
    protected abstract PeftMethodProvider provider();

    /**
     * Hyperparameters to create the method with, as text; missing ones take their defaults.
     *
     * @return values by key; empty by default
     */
    protected Map<String, String> hyperparameters() {
        return Map.of();
    }

    /**
     * Backbones to test on.
     *
     * @return at least two architectures; {@link MethodConformance#DEFAULT_BACKBONES} by default
     */
    protected List<VitConfig> backbones() {
        return MethodConformance.DEFAULT_BACKBONES;
    }

    private MethodConformance conformance() {
        return new MethodConformance(provider(), hyperparameters(), backbones());
    }

    @Test
    void describesItselfCompatibly() {
        conformance().describesItselfCompatibly();
    }

    @Test
    void frozenParametersStayFixedAndTrainableOnesChange() {
        conformance().frozenParametersStayFixedAndTrainableOnesChange();
    }

    @Test
    void onlyDeclaredParametersAreTrainable() {
        conformance().onlyDeclaredParametersAreTrainable();
    }

    @Test
    void closedFormCountMatchesCountedParameters() {
        conformance().closedFormCountMatchesCountedParameters();
    }

    @Test
    void saveAndLoadGiveIdenticalLogits() {
        conformance().saveAndLoadGiveIdenticalLogits();
    }

    @Test
    void mergedModelMatchesUnmerged() {
        conformance().mergedModelMatchesUnmerged();
    }

    @Test
    void hyperparameterValidationRejectsBadValues() {
        conformance().hyperparameterValidationRejectsBadValues();
    }
}
