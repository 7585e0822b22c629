package org.peft4j.methods.prompts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peft4j.api.BackboneShape;
import org.peft4j.blocks.PromptTokens;
import org.peft4j.methods.TestModels;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Pins the forward behaviour of the prompt-token methods (VPT-shallow, VPT-deep, VQT) on vit-tiny. */
class PromptMethodsForwardTest {

    private static NDManager data;
    private static NDArray images;

    @BeforeAll
    static void createImages() {
        data = NDManager.newBaseManager();
        images = data.randomUniform(0f, 1f, new Shape(4, 3, 32, 32));
    }

    @AfterAll
    static void closeImages() {
        data.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vpt_shallow", "vpt_deep", "vqt"})
    void logitsHaveTheHeadShapeAndDifferFromTheBaseModel(String name) {
        try (VisionTransformer vit = TestModels.tiny(21)) {
            float[] base = logits(vit, images, null);
            TestModels.attach(vit, name, Map.of("prompts", "5"), false);
            Shape[] shape = new Shape[1];
            float[] adapted = logits(vit, images, shape);
            assertEquals(new Shape(4, TestModels.CLASSES), shape[0]);
            assertTrue(maxDifference(base, adapted) > 1e-3f, "the method changes the logits");
        }
    }

    @Test
    void vptShallowKeepsPromptsToTheEndUnlessReferenceCompat() {
        float[] paper;
        float[] reference;
        Map<String, String> vpt = Map.of("prompts", "5");
        try (VisionTransformer vit = TestModels.tiny(22)) {
            TestModels.attach(vit, "vpt_shallow", vpt, false);
            paper = logits(vit, images, null);
        }
        try (VisionTransformer vit = TestModels.tiny(22)) {
            TestModels.attach(vit, "vpt_shallow", vpt, true);
            reference = logits(vit, images, null);
        }
        assertTrue(maxDifference(paper, reference) > 1e-3f, "dropping prompts after block 0 changes the result");
    }

    @Test
    void referenceCompatSharesOnePromptDropoutMaskOverTheBatch() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray identical = images.get("0:1").broadcast(new Shape(4, 3, 32, 32));
            assertEquals(1, distinctRows(trainingLogits(true, identical)), "one mask for the batch");
            assertEquals(4, distinctRows(trainingLogits(false, identical)), "one mask per image");
        }
    }

    private static float[][] trainingLogits(boolean referenceCompat, NDArray x) {
        try (VisionTransformer vit = TestModels.tiny(25)) {
            TestModels.attach(vit, "vpt_deep", Map.of("prompts", "5", "dropout", "0.5"), referenceCompat);
            NDArray out = vit.forward(x, true);
            float[][] rows = new float[4][];
            for (int i = 0; i < 4; i++) {
                rows[i] = out.get(i).toFloatArray();
            }
            return rows;
        }
    }

    private static long distinctRows(float[][] rows) {
        return Arrays.stream(rows).map(Arrays::toString).distinct().count();
    }

    @Test
    void vqtQueriesReadTheTokensButAreNotReadByThem() {
        try (VisionTransformer vit = TestModels.tiny(23)) {
            TestModels.attach(vit, "vqt", Map.of("prompts", "5"), false);
            ModelParameter combine = vit.parameters().get("vqt.combine_layer.weight");
            ModelParameter queries = vit.parameters().get("vqt.query_prompt_embeddings");
            float[] clsOnly = new float[(int) combine.size()];
            clsOnly[0] = 1f;
            combine.array().set(clsOnly);
            float[] before = logits(vit, images, null);
            perturb(queries);
            assertArrayEquals(before, logits(vit, images, null), 1e-6f, "the CLS feature ignores the queries");

            float[] ones = new float[(int) combine.size()];
            Arrays.fill(ones, 1f);
            combine.array().set(ones);
            float[] withQueries = logits(vit, images, null);
            perturb(queries);
            assertTrue(maxDifference(withQueries, logits(vit, images, null)) > 1e-3f, "query outputs reach the head");
        }
    }

    @Test
    void promptInitBoundFollowsThePatchAndWidth() {
        assertEquals(0.0625f, PromptTokens.initBound(VitConfig.preset("vit-b16", 10).shape()), 1e-7f);
        BackboneShape tiny = VitConfig.preset("vit-tiny", 10).shape();
        float bound = PromptTokens.initBound(tiny);
        assertEquals((float) Math.sqrt(6.0 / (3 * 4 * 4 + 192)), bound, 1e-7f);
        try (VisionTransformer vit = TestModels.tiny(24)) {
            TestModels.attach(vit, "vpt_deep", Map.of("prompts", "50"), false);
            NDArray prompts = vit.parameters().get("vpt.prompt_embeddings").array();
            assertEquals(new Shape(6, 50, 192), prompts.getShape());
            float max = prompts.abs().max().getFloat();
            assertTrue(max <= bound && max > 0.95f * bound, "max |prompt| " + max + " against bound " + bound);
        }
    }

    private static void perturb(ModelParameter p) {
        Random random = new Random(5);
        float[] values = p.array().toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) random.nextGaussian();
        }
        p.array().set(values);
    }

    private static float[] logits(VisionTransformer vit, NDArray x, Shape[] shape) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray out = vit.forward(x, false);
            if (shape != null) {
                shape[0] = out.getShape();
            }
            return out.toFloatArray();
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
