package org.peft4j.methods.groupa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Merging a reparameterizable method gives a plain backbone with the base parameter count that
 * computes the same logits, after the method's tensors were perturbed away from their init.
 */
class GroupAMergeTest {

    static Stream<GroupAMethod> mergeable() {
        return Stream.of(new GroupAMethod("difffit", Map.of(), 140_544), new GroupAMethod("ssf", Map.of(), 205_824));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mergeable")
    void mergedModelComputesTheSameLogits(GroupAMethod method) {
        try (VisionTransformer vit = GroupAMethod.vitTiny(5);
                NDManager data = NDManager.newBaseManager()) {
            long baseScalars = vit.parameters().count(p -> true);
            PeftModel model = method.attach(vit, false);
            Random random = new Random(11);
            for (String name : model.addedParameters()) {
                perturb(vit.parameters().get(name), random);
            }
            NDArray images = data.randomUniform(0f, 1f, new Shape(4, 3, 32, 32));
            float[] unmerged = logits(vit, images);

            model.merge();

            float[] merged = logits(vit, images);
            float maxDiff = 0;
            for (int i = 0; i < merged.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(merged[i] - unmerged[i]));
            }
            System.out.printf("%s: max |merged - unmerged| = %.3g%n", method, maxDiff);
            assertTrue(maxDiff < 1e-5f, "max logit difference " + maxDiff);
            assertTrue(vit.parameters().all().stream().allMatch(ModelParameter::isBase), "only base parameters remain");
            assertEquals(baseScalars, vit.parameters().count(p -> true));
        }
    }

    /** Adds N(0, 0.3²) noise to every element, so that the fold is far from the identity. */
    private static void perturb(ModelParameter p, Random random) {
        float[] values = p.array().toFloatArray();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (0.3 * random.nextGaussian());
        }
        p.array().set(values);
    }

    private static float[] logits(VisionTransformer vit, NDArray images) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return vit.forward(images, false).toFloatArray();
        }
    }
}
