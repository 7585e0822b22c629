package org.peft4j.testkit;

import java.util.Map;
import org.peft4j.api.PeftMethodProvider;

/** The kit used as a plugin author uses it: a correct method passes every check. */
class ToyLoraConformanceTest extends PeftMethodConformanceTest {

    @Override
    protected PeftMethodProvider provider() {
        return new ToyLoraProvider();
    }

    @Override
    protected Map<String, String> hyperparameters() {
        return Map.of("rank", "3", "scale", "2.5");
    }
}
