package org.peft4j.methods.names;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Pins the adapter methods' tensor names and shapes to the reference's, so that weights can be exchanged.
 *
 * <p>Checked on block 0 of vit-tiny (D 192, depth 6) with size 8; for FacT a sample of its shared
 * tensors.
 */
class ParameterNamesTest {

    private static final long D = 192;

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("lora", Map.of("rank", "8"), shapes(
                        "blocks.0.attn.lora.lora_a.weight", new Shape(8, D),
                        "blocks.0.attn.lora.lora_b.weight", new Shape(3 * D, 8))),
                Arguments.of("adaptformer", Map.of("bottleneck", "8"), adapter("ft_mlp_module")),
                Arguments.of("pfeiffer", Map.of("bottleneck", "8"), adapter("ft_mlp_module")),
                Arguments.of("houlsby", Map.of("bottleneck", "8"), merged(adapter("ft_attn_module"), adapter("ft_mlp_module"))),
                Arguments.of("convpass", Map.of("bottleneck", "8"), merged(convPass("ft_attn_module"), convPass("ft_mlp_module"))),
                Arguments.of("repadapter", Map.of("bottleneck", "8"), merged(repAdapter("ft_attn_module"), repAdapter("ft_mlp_module"))),
                Arguments.of("fact_tt", Map.of("dim", "8"), shapes(
                        "blocks.0.attn.fact.FacTu.weight", new Shape(8, D),
                        "blocks.0.attn.fact.FacTv.weight", new Shape(D, 8),
                        "blocks.0.attn.fact.per_block_para.0.attn.0.weight", new Shape(8, 8),
                        "blocks.0.attn.fact.per_block_para.0.attn.3.weight", new Shape(8, 8),
                        "blocks.0.attn.fact.per_block_para.0.mlp.0.weight", new Shape(32, 8),
                        "blocks.0.attn.fact.per_block_para.0.mlp.1.weight", new Shape(8, 32))),
                Arguments.of("fact_tk", Map.of("dim", "8"), shapes(
                        "blocks.0.attn.fact.FacTu.weight", new Shape(8, D),
                        "blocks.0.attn.fact.FacTv.weight", new Shape(D, 8),
                        "blocks.0.attn.fact.FacTp", new Shape(8, 12 * 6),
                        "blocks.0.attn.fact.FacTc", new Shape(8, 8, 8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void tensorsCarryTheReferenceNames(String name, Map<String, String> hyperparameters, Map<String, Shape> expected) {
        try (VisionTransformer vit = TestModels.tiny(2)) {
            PeftModel model = TestModels.attach(vit, name, hyperparameters, false);
            Map<String, Shape> actual = new LinkedHashMap<>();
            model.addedParameters().forEach(n -> actual.put(n, vit.parameters().get(n).array().getShape()));
            expected.forEach((n, shape) -> assertEquals(shape, actual.get(n), n));
            if (!name.startsWith("fact_")) {
                Set<String> block0 = actual.keySet().stream().filter(n -> n.startsWith("blocks.0.")).collect(Collectors.toSet());
                assertEquals(expected.keySet(), block0);
            }
        }
    }

    private static Map<String, Shape> adapter(String module) {
        String p = "blocks.0." + module + ".";
        return shapes(p + "down_proj.weight", new Shape(8, D), p + "down_proj.bias", new Shape(8),
                p + "up_proj.weight", new Shape(D, 8), p + "up_proj.bias", new Shape(D));
    }

    private static Map<String, Shape> convPass(String module) {
        String p = "blocks.0." + module + ".";
        return shapes(p + "adapter_conv.weight", new Shape(8, 8, 3, 3), p + "adapter_conv.bias", new Shape(8),
                p + "adapter_down.weight", new Shape(8, D), p + "adapter_down.bias", new Shape(8),
                p + "adapter_up.weight", new Shape(D, 8), p + "adapter_up.bias", new Shape(D));
    }

    private static Map<String, Shape> repAdapter(String module) {
        String p = "blocks.0." + module + ".";
        return shapes(p + "conv_A.weight", new Shape(8, D, 1), p + "conv_A.bias", new Shape(8),
                p + "conv_B.weight", new Shape(D, 4, 1), p + "conv_B.bias", new Shape(D));
    }

    private static Map<String, Shape> shapes(Object... nameShapePairs) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < nameShapePairs.length; i += 2) {
            m.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
        }
        return m;
    }

    @SafeVarargs
    private static Map<String, Shape> merged(Map<String, Shape>... parts) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (Map<String, Shape> part : parts) {
            m.putAll(part);
        }
        return m;
    }
}
