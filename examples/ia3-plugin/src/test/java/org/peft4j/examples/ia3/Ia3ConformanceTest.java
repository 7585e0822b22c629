package org.peft4j.examples.ia3;

import org.peft4j.api.PeftMethodProvider;
import org.peft4j.testkit.PeftMethodConformanceTest;

/** (IA)³ passes the peft4j conformance kit. */
class Ia3ConformanceTest extends PeftMethodConformanceTest {

    @Override
    protected PeftMethodProvider provider() {
        return new Ia3Provider();
    }
}
