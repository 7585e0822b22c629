package org.peft4j.testkit;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Deterministic models, batches and parameter snapshots for the conformance checks. */
final class Models {

    /** Images per batch. */
    static final int BATCH = 4;

    private Models() {}

    /** A backbone with timm's initialisation drawn from the engine seeded with {@code seed}. */
    static VisionTransformer backbone(VitConfig config, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(config, Device.cpu());
    }

    /** Standard-normal images of the backbone's size, independent of the engine's generator. */
    static NDArray images(NDManager manager, VitConfig config, long seed) {
        int side = config.imageSize();
        float[] values = new float[BATCH * 3 * side * side];
        Random random = new Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(BATCH, 3, side, side));
    }

    /** Labels 0, 1, 2, ... modulo the class count. */
    static NDArray labels(NDManager manager, VitConfig config) {
        long[] labels = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % config.numClasses();
        }
        return manager.create(labels);
    }

    /** Eval-mode logits, copied to the heap. */
    static float[] logits(VisionTransformer vit, NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }

    /** The values of every parameter, by name. */
    static Map<String, float[]> snapshot(VisionTransformer vit) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ModelParameter p : vit.parameters().all()) {
            values.put(p.name(), p.array().toFloatArray());
        }
        return values;
    }

    /** Adds N(0, 0.05²) noise to each parameter, so that zero-initialised ones become non-zero. */
    static void perturb(List<ModelParameter> parameters, long seed) {
        Random random = new Random(seed);
        for (ModelParameter p : parameters) {
            float[] values = p.array().toFloatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (0.05 * random.nextGaussian());
            }
            p.array().set(values);
        }
    }
}
