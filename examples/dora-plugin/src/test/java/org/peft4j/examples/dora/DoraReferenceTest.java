package org.peft4j.examples.dora;

import org.junit.jupiter.api.Test;
import org.peft4j.testkit.MethodReference;

/**
 * DoRA against fixtures computed outside peft4j ({@code python/method_references.py}): PyTorch
 * written from this plugin's README, and Hugging Face peft's LoRA with {@code use_dora} on qkv.
 */
class DoraReferenceTest {

    @Test
    void doraScalesTheQkvDirectionRowsByMagnitudeOverNormWithTheGradientThroughTheNorm() {
        System.out.println(MethodReference.check(new DoraProvider(), MethodReference.fixture("dora")));
    }

    /** peft detaches ‖W + B·A‖ from the gradient, so A's and B's gradients are not compared (the fixture says so). */
    @Test
    void doraEqualsHuggingFacePeftInLogitsLossAndTheMagnitudeGradient() {
        System.out.println(MethodReference.check(new DoraProvider(), MethodReference.fixture("dora-hf-peft")));
    }
}
