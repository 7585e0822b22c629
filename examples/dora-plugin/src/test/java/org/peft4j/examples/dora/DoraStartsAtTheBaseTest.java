package org.peft4j.examples.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** With B = 0 and m = ‖W‖, the adapted model computes exactly what the base model computes. */
class DoraStartsAtTheBaseTest {

    @Test
    void freshDoraLeavesTheLogitsUnchanged() {
        Engine.getInstance().setRandomSeed(3);
        try (VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", 5), Device.cpu());
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray images = manager.randomNormal(new Shape(2, 3, 32, 32));
            float[] base = logits(vit, images);
            DoraProvider provider = new DoraProvider();
            PeftModel.attach(vit, provider.create(provider.schema().validate(
                    Map.of(DoraProvider.TARGETS, "qkv_proj"))), false);
            assertArrayEquals(base, logits(vit, images), 1e-5f);
        }
    }

    private static float[] logits(VisionTransformer vit, NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }
}
