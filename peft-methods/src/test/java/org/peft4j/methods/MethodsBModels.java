package org.peft4j.methods;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.ServiceLoader;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Builds the group-B methods through the ServiceLoader and vit-tiny models for their tests. */
final class MethodsBModels {

    private MethodsBModels() {}

    /** The registered provider of a method, looked up as a plugin user would. */
    static PeftMethodProvider provider(String name) {
        for (PeftMethodProvider p : ServiceLoader.load(PeftMethodProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider registered for '" + name + "'");
    }

    /** A configured method from text hyperparameters (the rest at their defaults). */
    static PeftMethod method(String name, Map<String, String> hyperparameters) {
        PeftMethodProvider p = provider(name);
        return p.create(p.schema().validate(hyperparameters));
    }

    /** A freshly initialised vit-tiny (32 px, patch 4, D 192, depth 6, 10 classes) from a seed. */
    static VisionTransformer tiny(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(VitConfig.preset("vit-tiny", 10), Device.cpu());
    }

    /**
     * A freshly initialised ViT of the same family, small enough to train in a unit test: 32 px,
     * patch 8 (4×4 grid), D 64, depth 2, 2 heads, MLP 256, 10 classes.
     */
    static VisionTransformer micro(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(new VitConfig("vit-micro", 32, 8, 64, 2, 2, 4, 10, 0f), Device.cpu());
    }

    /** Attaches a method to a backbone. */
    static PeftModel attach(VisionTransformer vit, String name, Map<String, String> hyperparameters, boolean reference) {
        return PeftModel.attach(vit, method(name, hyperparameters), reference);
    }

    /** Fixed random images (n, 3, 32, 32) in [0, 1). */
    static NDArray images(NDManager manager, int n, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return manager.randomUniform(0f, 1f, new Shape(n, 3, 32, 32));
    }

    /** Largest absolute element-wise difference. */
    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /** Adds normal(0, std) noise to every parameter the method added, in place. */
    static void perturb(PeftModel model, float std, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        for (String name : model.addedParameters()) {
            ModelParameter p = model.vit().parameters().get(name);
            NDArray array = p.array();
            array.setRequiresGradient(false);
            try (NDArray noise = array.getManager().randomNormal(0f, std, array.getShape(), array.getDataType())) {
                array.addi(noise);
            }
            array.setRequiresGradient(p.isTrainable());
        }
    }

    /** Number of scalars of all parameters, base and added, head included. */
    static long allParameters(VisionTransformer vit) {
        return vit.parameters().count(p -> true);
    }
}
