package org.peft4j.methods.selective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peft4j.api.InvalidHyperparameterException;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;

/** Pins that selective tuning trains exactly the named part of the last blocks and rejects bad parts and block counts. */
class SelectiveTuningTest {

    @Test
    void attentionOfTheLastTwoBlocksIsTrained() {
        try (VisionTransformer vit = TestModels.tiny(31)) {
            TestModels.attach(vit, "selective", Map.of("part", "attn", "blocks", "2"), false);
            assertEquals(List.of(
                    "blocks.4.attn.qkv.weight", "blocks.4.attn.qkv.bias", "blocks.4.attn.proj.weight",
                    "blocks.4.attn.proj.bias", "blocks.5.attn.qkv.weight", "blocks.5.attn.qkv.bias",
                    "blocks.5.attn.proj.weight", "blocks.5.attn.proj.bias", "head.weight", "head.bias"),
                    trainableNames(vit));
        }
    }

    @Test
    void fc2OfTheLastBlockIsTrained() {
        try (VisionTransformer vit = TestModels.tiny(32)) {
            TestModels.attach(vit, "selective", Map.of("part", "mlp_fc2"), false);
            assertEquals(List.of("blocks.5.mlp.fc2.weight", "blocks.5.mlp.fc2.bias", "head.weight", "head.bias"),
                    trainableNames(vit));
        }
    }

    @Test
    void moreBlocksThanTheBackboneHasIsRefused() {
        try (VisionTransformer vit = TestModels.tiny(33)) {
            InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                    () -> TestModels.attach(vit, "selective", Map.of("blocks", "7"), false));
            assertEquals("blocks", e.key());
            assertTrue(e.getMessage().contains("6 blocks"), e.getMessage());
        }
    }

    @Test
    void unknownPartIsRefused() {
        assertThrows(InvalidHyperparameterException.class,
                () -> TestModels.method("selective", Map.of("part", "attn_q")));
    }

    private static List<String> trainableNames(VisionTransformer vit) {
        return vit.parameters().where(ModelParameter::isTrainable).stream().map(ModelParameter::name).toList();
    }
}
