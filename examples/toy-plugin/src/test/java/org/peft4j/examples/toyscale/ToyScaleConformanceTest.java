package org.peft4j.examples.toyscale;

import org.peft4j.api.PeftMethodProvider;
import org.peft4j.testkit.PeftMethodConformanceTest;

/** The plugin passes the peft4j conformance kit. */
class ToyScaleConformanceTest extends PeftMethodConformanceTest {

    @Override
    protected PeftMethodProvider provider() {
        return new ToyScaleProvider();
    }
}
