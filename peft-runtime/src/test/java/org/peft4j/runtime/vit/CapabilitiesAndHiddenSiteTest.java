package org.peft4j.runtime.vit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.api.Scalars;
import org.peft4j.api.Site;

/** The runtime offers ReferenceCompat only under the switch, and the MLP hidden site feeds fc2. */
class CapabilitiesAndHiddenSiteTest {

    private static final VitConfig CONFIG = new VitConfig("small", 16, 4, 32, 2, 2, 2, 3, 0f);

    /** Records whether ReferenceCompat was offered at attach and at merge time. */
    private static final class Probe implements PeftMethod, Mergeable {
        final List<Boolean> seen = new ArrayList<>();

        @Override
        public void attach(PeftHost host) {
            seen.add(ReferenceCompat.requestedBy(host));
        }

        @Override
        public void merge(MergeTarget target) {
            seen.add(ReferenceCompat.requestedBy(target));
        }
    }

    @Test
    void referenceCompatIsOfferedExactlyUnderTheSwitch() {
        for (boolean compat : new boolean[] {false, true}) {
            try (VisionTransformer vit = VisionTransformer.create(CONFIG, Device.cpu())) {
                Probe probe = new Probe();
                PeftModel.attach(vit, probe, compat).merge();
                assertEquals(List.of(compat, compat), probe.seen);
            }
        }
        try (VisionTransformer vit = VisionTransformer.create(CONFIG, Device.cpu())) {
            PeftModel.attach(vit, host -> assertTrue(host.capability(String.class).isEmpty()), true);
        }
    }

    @Test
    void theHiddenSiteSeesGeluOfTheFc1OutputAndFc2ReadsWhatItReturns() {
        try (VisionTransformer scaled = seeded();
                VisionTransformer recomputed = seeded();
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray images = manager.randomNormal(new Shape(2, 3, 16, 16));
            float[] base = logits(scaled, images);
            List<Float> deviations = new ArrayList<>();
            PeftModel.attach(scaled, host -> {
                for (int i = 0; i < host.shape().depth(); i++) {
                    host.insert(Site.MLP_HIDDEN, i, (g, c) -> {
                        deviations.add(Activation.gelu(c.input()).sub(g).abs().max().getFloat());
                        return Scalars.mul(g, 2);
                    });
                }
            }, false);
            PeftModel.attach(recomputed, doubledFc2Input(), false);
            float[] doubled = logits(scaled, images);
            assertArrayEquals(logits(recomputed, images), doubled, 1e-5f);
            assertFalse(Arrays.equals(base, doubled), "the module's output reaches fc2");
            assertEquals(CONFIG.depth(), deviations.size());
            deviations.forEach(d -> assertEquals(0f, d, 1e-6f));
        }
    }

    private static VisionTransformer seeded() {
        Engine.getInstance().setRandomSeed(5);
        return VisionTransformer.create(CONFIG, Device.cpu());
    }

    /** At FC2, recomputes fc2 from twice its input: fc2(2·gelu(fc1 x)). */
    private static PeftMethod doubledFc2Input() {
        return host -> {
            for (int i = 0; i < host.shape().depth(); i++) {
                NDArray w = host.base("blocks." + i + ".mlp.fc2.weight").array();
                NDArray b = host.base("blocks." + i + ".mlp.fc2.bias").array();
                host.insert(Site.FC2, i, (y, c) -> Scalars.mul(c.input(), 2).matMul(w.transpose()).add(b));
            }
        };
    }

    private static float[] logits(VisionTransformer vit, NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }
}
