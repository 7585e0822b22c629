package org.peft4j.examples.dora;

import java.util.Map;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.testkit.PeftMethodConformanceTest;

/** DoRA on qkv and the attention output projection passes the conformance kit too. */
class DoraQkvProjConformanceTest extends PeftMethodConformanceTest {

    @Override
    protected PeftMethodProvider provider() {
        return new DoraProvider();
    }

    @Override
    protected Map<String, String> hyperparameters() {
        return Map.of(DoraProvider.TARGETS, "qkv_proj", DoraProvider.RANK, "4");
    }
}
