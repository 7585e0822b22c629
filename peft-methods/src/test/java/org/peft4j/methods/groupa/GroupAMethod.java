package org.peft4j.methods.groupa;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.PeftMethodProvider;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * One configured group-A method as the tests use it: found through the ServiceLoader like any
 * plugin, with hyperparameters given as text, and its inserted count on ViT-B/16 per {@code docs/methods.md}.
 *
 * @param name the provider's name
 * @param hyperparameters values as text, validated by the provider's schema
 * @param vitB16Count expected inserted parameters on ViT-B/16
 */
public record GroupAMethod(String name, Map<String, String> hyperparameters, long vitB16Count) {

    /** Classes of the test models' heads. */
    public static final int CLASSES = 10;

    /**
     * Every group-A method in one configuration, with the spec's ViT-B/16 counts.
     *
     * @return the cases
     */
    public static Stream<GroupAMethod> all() {
        return Stream.of(
                new GroupAMethod("linear", Map.of(), 0),
                new GroupAMethod("full", Map.of(), 85_798_656),
                new GroupAMethod("ln", Map.of(), 38_400),
                new GroupAMethod("bitfit", Map.of(), 102_912),
                new GroupAMethod("difffit", Map.of(), 140_544),
                new GroupAMethod("ssf", Map.of(), 205_824),
                new GroupAMethod("vpt_shallow", Map.of("prompts", "10"), 768 * 10),
                new GroupAMethod("vpt_deep", Map.of("prompts", "10"), 9_216 * 10),
                new GroupAMethod("vqt", Map.of("prompts", "10"), 9_228 * 10 + 1),
                new GroupAMethod("selective", Map.of("part", "block", "blocks", "1"), 7_087_872),
                new GroupAMethod("selective", Map.of("part", "attn_qkv", "blocks", "3"), 3 * 1_771_776));
    }

    /**
     * The provider registered under a name.
     *
     * @param name the method name
     * @return the provider
     */
    public static PeftMethodProvider provider(String name) {
        return ServiceLoader.load(PeftMethodProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provider registered for '" + name + "'"));
    }

    /**
     * A new instance of this method.
     *
     * @return the method
     */
    public PeftMethod create() {
        PeftMethodProvider provider = provider(name);
        return provider.create(provider.schema().validate(hyperparameters));
    }

    /**
     * Attaches a new instance to a backbone.
     *
     * @param vit the backbone
     * @param referenceCompat the switch
     * @return the adapted model
     */
    public PeftModel attach(VisionTransformer vit, boolean referenceCompat) {
        return PeftModel.attach(vit, create(), referenceCompat);
    }

    /**
     * A vit-tiny (32 px, patch 4, D 192, 6 blocks) with {@link #CLASSES} classes, its random init
     * drawn from a fixed seed.
     *
     * @param seed the engine seed
     * @return the model
     */
    public static VisionTransformer vitTiny(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(VitConfig.preset("vit-tiny", CLASSES), Device.cpu());
    }

    /**
     * A ViT smaller than vit-tiny for training checks, which must stay fast on two shared cores:
     * 32 px images like vit-tiny, but patch 8 (16 patches), D 64, 3 blocks, 2 heads.
     *
     * @param seed the engine seed
     * @return the model
     */
    public static VisionTransformer vitMicro(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return VisionTransformer.create(new VitConfig("vit-micro", 32, 8, 64, 3, 2, 4, CLASSES, 0f), Device.cpu());
    }

    @Override
    public String toString() {
        return name + (hyperparameters.isEmpty() ? "" : " " + hyperparameters);
    }
}
