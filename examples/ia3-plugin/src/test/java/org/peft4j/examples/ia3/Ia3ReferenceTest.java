package org.peft4j.examples.ia3;

import org.junit.jupiter.api.Test;
import org.peft4j.testkit.MethodReference;

/**
 * (IA)³ against fixtures computed outside peft4j ({@code python/method_references.py}): PyTorch
 * written from this plugin's README, and Hugging Face peft's {@code IA3Model} on qkv (its q third
 * held at one) and fc2 as a feed-forward module.
 */
class Ia3ReferenceTest {

    @Test
    void ia3ScalesKeysAndValuesAtQkvAndTheActivationBetweenGeluAndFc2() {
        System.out.println(MethodReference.check(new Ia3Provider(), MethodReference.fixture("ia3")));
    }

    @Test
    void ia3EqualsHuggingFacePeftOnQkvAndFc2() {
        System.out.println(MethodReference.check(new Ia3Provider(), MethodReference.fixture("ia3-hf-peft")));
    }
}
