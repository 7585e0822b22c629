package org.peft4j.methods.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;
import org.peft4j.runtime.vit.VitFamily;
import org.peft4j.testkit.InsertedParameterCounter;

/**
 * Methods on the tiny presets of every family: the counted inserted parameters equal the closed
 * forms of {@code docs/methods.md} written out here with the family's D, L, H and its extra
 * tensors, and the method's own {@link ClosedFormCount}; methods that need a site the family lacks
 * refuse it with one sentence, as SSF refuses to merge where its fold targets are missing.
 */
class FamilyCountsTest {

    /** Tiny backbones of the families that have no micro preset. */
    private static final VitConfig MAE_TINY = new VitConfig("mae-tiny", 32, 8, 48, 2, 2, 4, 5, 0f, VitFamily.MAE);
    private static final VitConfig REG4_TINY = new VitConfig("reg4-tiny", 28, 14, 48, 2, 2, 4, 5, 0f,
            VitFamily.DINOV2_REG4);

    private static MethodRegistry registry;

    @BeforeAll
    static void open() {
        registry = MethodRegistry.classpath(FamilyCountsTest.class.getClassLoader());
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static VitConfig backbone(String name) {
        return switch (name) {
            case "mae-tiny" -> MAE_TINY;
            case "reg4-tiny" -> REG4_TINY;
            default -> VitConfig.preset(name, 5);
        };
    }

    /** docs/methods.md's closed forms with the family's terms: extra norms (norm_pre), LayerScale, the backbone. */
    private static long docsClosedForm(String method, VitConfig c) {
        long d = c.dim();
        long l = c.depth();
        long h = (long) d * c.mlpRatio();
        long norms = 2 * l + 1 + (c.family().preNorm() ? 1 : 0);
        long biases = 2 * d + l * (7 * d + h);
        return switch (method) {
            case "linear" -> 0;
            case "full" -> c.backboneParameters();
            case "bitfit" -> biases;
            case "ln" -> 2 * d * norms;
            case "difffit" -> 2 * l * d + biases + d * norms;
            case "ssf" -> 2 * (l * (7 * d + h) + 2 * d);
            case "vpt_deep" -> l * 10 * d;
            case "lora" -> l * 4 * d * 8;
            case "adaptformer" -> l * (2 * d * 8 + 8 + d);
            case "selective" -> 2 * (4 * d + 4 * d * d + 4 * d + 2 * d * h + h + d
                    + (c.family().hasLayerScale() ? 2 * d : 0));
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "vpt_deep", Map.of("prompts", "10"), "lora", Map.of("rank", "8"), "adaptformer", Map.of("bottleneck", "8"),
            "selective", Map.of("part", "block", "blocks", "2"));

    @ParameterizedTest
    @ValueSource(strings = {"dinov2-micro", "clip-micro", "mae-tiny", "reg4-tiny", "vit-micro"})
    void countsFollowTheClosedForms(String name) {
        VitConfig config = backbone(name);
        try (InsertedParameterCounter counter = new InsertedParameterCounter(config)) {
            for (String method : new String[] {"linear", "full", "bitfit", "ln", "difffit", "ssf", "vpt_deep", "lora",
                "adaptformer", "selective"}) {
                MethodInstance instance = registry.create(method, SETTINGS.getOrDefault(method, Map.of()));
                long counted = counter.count(instance.method());
                assertEquals(docsClosedForm(method, config), counted, name + " " + method + ": counted vs docs/methods.md");
                assertEquals(counted, ((ClosedFormCount) instance.method()).insertedParameters(counter.shape(),
                        counter.layout()), name + " " + method + ": ClosedFormCount");
            }
        }
    }

    @Test
    void ssfRefusesToMergeWhereItsFoldTargetsAreMissing() {
        for (VitConfig config : new VitConfig[] {VitConfig.preset("clip-micro", 5), MAE_TINY}) {
            try (VisionTransformer vit = VisionTransformer.create(config, Device.cpu())) {
                PeftModel model = PeftModel.attach(vit, registry.create("ssf", Map.of()).method(), false);
                String message = assertThrows(IllegalArgumentException.class, model::merge).getMessage();
                assertTrue(message.startsWith("ssf cannot be merged into this backbone: its scale and shift fold into "
                        + (config == MAE_TINY ? "the final norm" : "the patch projection's bias")), message);
            }
        }
    }

    @Test
    void methodsRefuseSitesTheFamilyLacks() {
        try (InsertedParameterCounter mae = new InsertedParameterCounter(MAE_TINY);
                InsertedParameterCounter reg4 = new InsertedParameterCounter(REG4_TINY)) {
            String vqt = assertThrows(IllegalArgumentException.class,
                    () -> mae.count(registry.create("vqt", Map.of()).method())).getMessage();
            assertTrue(vqt.startsWith("vqt combines its outputs with the class token at the head, but this backbone "
                    + "pools the mean of the patch tokens"), vqt);
            String convpass = assertThrows(IllegalArgumentException.class,
                    () -> reg4.count(registry.create("convpass", Map.of()).method())).getMessage();
            assertTrue(convpass.startsWith("convpass needs the patch tokens right after the class token, but this "
                    + "backbone has 4 register tokens there"), convpass);
            assertEquals(MAE_TINY.depth() * 2L * (9 * 8 * 8 + 2 * 48 * 8 + 2 * 8 + 48),
                    mae.count(registry.create("convpass", Map.of("bottleneck", "8")).method()), "convpass on MAE");
        }
    }
}
