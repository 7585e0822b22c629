package org.peft4j.examples.dora;

import org.peft4j.api.PeftMethodProvider;
import org.peft4j.testkit.PeftMethodConformanceTest;

/** DoRA passes the peft4j conformance kit. */
class DoraConformanceTest extends PeftMethodConformanceTest {

    @Override
    protected PeftMethodProvider provider() {
        return new DoraProvider();
    }
}
