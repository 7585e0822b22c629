package org.peft4j.embedded;

import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;

/** Linear probing for the tests: adds nothing, so only the head (which attach leaves trainable) learns. */
final class HeadOnly implements PeftMethod {

    @Override
    public void attach(PeftHost host) {
        // the backbone stays frozen; PeftModel.attach keeps the head trainable
    }
}
