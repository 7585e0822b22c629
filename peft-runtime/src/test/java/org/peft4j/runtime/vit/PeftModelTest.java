package org.peft4j.runtime.vit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;

/** Attaching, detaching and the bookkeeping of what a method declared. */
class PeftModelTest {

    private static final VitConfig CONFIG = new VitConfig("small", 16, 4, 32, 2, 2, 2, 3, 0f);
    private static final ParameterSelector NORMS = ParameterSelector.globs("blocks.*.norm1.*");

    /** Adds a per-block scale after the attention norm and trains the norm1 parameters. */
    private static final PeftMethod SCALE = host -> {
        for (int i = 0; i < host.shape().depth(); i++) {
            ParameterHandle s = host.parameter("blocks." + i + ".scale", new Shape(host.shape().dim()), Init.ones());
            host.insert(Site.ATTN_NORM, i, (x, c) -> x.mul(s.array()));
        }
        host.train(NORMS);
    };

    private static long headSize(VisionTransformer vit) {
        return vit.parameters().count(p -> p.name().startsWith("head."));
    }

    @Test
    void recordsAddedParametersAndSelectors() {
        try (VisionTransformer vit = VisionTransformer.create(CONFIG, Device.cpu())) {
            PeftModel model = PeftModel.attach(vit, SCALE, false);
            assertEquals(List.of("blocks.0.scale", "blocks.1.scale"), model.addedParameters());
            assertEquals(List.of(NORMS), model.trainSelectors());
            assertEquals(2 * 32 + 2 * 64, vit.insertedParameters());
        }
    }

    @Test
    void detachLeavesAPlainBackboneThatTakesAnotherMethod() {
        try (VisionTransformer vit = VisionTransformer.create(CONFIG, Device.cpu())) {
            long parameters = vit.parameters().count(p -> true);
            PeftModel.attach(vit, SCALE, false).detach();
            assertEquals(parameters, vit.parameters().count(p -> true));
            assertEquals(headSize(vit), vit.trainableParameters());
            PeftModel again = PeftModel.attach(vit, SCALE, false);
            assertEquals(2, again.addedParameters().size());
        }
    }

    @Test
    void failingAttachRemovesWhatTheMethodAdded() {
        PeftMethod failing = host -> {
            SCALE.attach(host);
            throw new IllegalStateException("method bug");
        };
        try (VisionTransformer vit = VisionTransformer.create(CONFIG, Device.cpu())) {
            long parameters = vit.parameters().count(p -> true);
            assertThrows(IllegalStateException.class, () -> PeftModel.attach(vit, failing, false));
            assertEquals(parameters, vit.parameters().count(p -> true));
            assertEquals(headSize(vit), vit.trainableParameters());
            assertTrue(vit.sites().isEmpty());
        }
    }
}
