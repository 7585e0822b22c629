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

/**
 * Shared test fixtures: built-in methods found through the ServiceLoader as a plugin user would
 * find them, seeded small ViTs, and helpers on their tensors.
 */
public final class TestModels {

    /** Classes of the test models' heads. */
    public static final int CLASSES = 10;

    private TestModels() {}

    /**
     * The registered provider of a method.
     *
     * @param name the method name
     * @return the provider
     */
    public static PeftMethodProvider provider(String name) {
        for (PeftMethodProvider p : ServiceLoader.load(PeftMethodProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider registered for '" + name + "'");
    }

    /**
     * A configured method from text hyperparameters (the rest at their defaults).
     *
     * @param name the method name
     * @param hyperparameters values as text, validated by the provider's schema
     * @return the method
     */
    public static PeftMethod method(String name, Map<String, String> hyperparameters) {
        PeftMethodProvider p = provider(name);
        return p.create(p.schema().validate(hyperparameters));
    }

    /**
     * Attaches a new method to a backbone.
     *
     * @param vit the backbone
     * @param name the method name
     * @param hyperparameters values as text
     * @param reference the reference-compat switch
     * @return the adapted model
     */
    public static PeftModel attach(VisionTransformer vit, String name, Map<String, String> hyperparameters, boolean reference) {
        return PeftModel.attach(vit, method(name, hyperparameters), reference);
    }

    /**
     * A freshly initialised vit-tiny (32 px, patch 4, D 192, depth 6, {@link #CLASSES} classes).
     *
     * @param seed the engine seed
     * @return the model
     */
    public static VisionTransformer tiny(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(VitConfig.preset("vit-tiny", CLASSES), Device.cpu());
    }

    /**
     * A freshly initialised ViT of the same family, small enough to train in a unit test on two
     * shared cores: 32 px, patch 8 (4×4 grid), D 64, 2 heads, MLP 256, {@link #CLASSES} classes.
     *
     * @param depth number of blocks
     * @param seed the engine seed
     * @return the model
     */
    public static VisionTransformer micro(int depth, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(new VitConfig("vit-micro", 32, 8, 64, depth, 2, 4, CLASSES, 0f), Device.cpu());
    }

    /**
     * Fixed random images (n, 3, 32, 32) in [0, 1).
     *
     * @param manager owner of the array
     * @param n number of images
     * @param seed the engine seed
     * @return the images
     */
    public static NDArray images(NDManager manager, int n, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return manager.randomUniform(0f, 1f, new Shape(n, 3, 32, 32));
    }

    /**
     * Largest absolute element-wise difference.
     *
     * @param a one array
     * @param b another of the same shape
     * @return max |a - b|
     */
    public static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /**
     * Adds normal(0, std) noise to every parameter the method added, in place.
     *
     * @param model the adapted model
     * @param std the noise's standard deviation
     * @param seed the engine seed
     */
    public static void perturb(PeftModel model, float std, int seed) {
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
}
