package org.peft4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.api.ParameterSelector;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

class TrainerTest {

    private static final TensorBatchSource TRAIN = TensorBatchSource.brightness(64, 32, 1);
    private static final TensorBatchSource TEST = TensorBatchSource.brightness(64, 32, 2);

    private static PeftModel model() {
        Engine.getInstance().setRandomSeed(7);
        VisionTransformer vit = VisionTransformer.create(VitConfig.preset("vit-tiny", 4), Device.cpu());
        return PeftModel.attach(vit, host -> host.train(ParameterSelector.globs("**.bias", "norm.*")), false);
    }

    private static TrainingRecipe recipe(int epochs) {
        return TrainingRecipe.study(3e-3, 1e-4).withEpochs(epochs, 1).withBatch(16, 8).withEvalEvery(1);
    }

    @Test
    void learnsAndEvaluatesEveryEpoch() {
        Engine.getInstance().setRandomSeed(3);
        PeftModel m = PeftModel.attach(VisionTransformer.create(VitConfig.preset("vit-tiny", 4), Device.cpu()),
                host -> host.train(ParameterSelector.all()), false);
        TrainingRecipe recipe = TrainingRecipe.study(2e-4, 1e-4).withEpochs(8, 1).withBatch(16, 8).withEvalEvery(2)
                .withDropPath(0f);
        TrainingResult r = new Trainer(recipe, new TrainingListener() {}).fit(m, TRAIN, TEST, null);
        assertEquals(TrainingResult.Status.OK, r.status());
        assertEquals(8, r.history().size());
        assertTrue(Double.isNaN(r.history().get(0).evalAccuracy()) && !Double.isNaN(r.history().get(1).evalAccuracy()));
        assertTrue(r.history().get(7).meanLoss() < 0.5 * r.history().get(0).meanLoss(), "loss decreases: " + r.history());
        assertTrue(r.finalEval().accuracy() > 60, "held-out accuracy above chance (25%): " + r.finalEval().accuracy());
        assertEquals(TEST.size(), r.finalEval().predictions().length);
        m.vit().close();
    }

    @Test
    void resumedRunEndsBitIdentical(@TempDir Path dir) {
        PeftModel straight = model();
        new Trainer(recipe(3), new TrainingListener() {}).fit(straight, TRAIN, null, null);

        PeftModel interrupted = model();
        TrainingListener killAfterTwoEpochs = new TrainingListener() {
            @Override
            public void onStep(int epoch, long step, float loss, double lr, int images) {
                if (epoch == 2) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new Trainer(recipe(3), killAfterTwoEpochs).fit(interrupted, TRAIN, null, dir));
        interrupted.vit().close();

        PeftModel resumed = model();
        TrainingResult r = new Trainer(recipe(3), new TrainingListener() {}).fit(resumed, TRAIN, null, dir);
        assertEquals(3, r.epochsDone());
        for (String name : new String[] {"head.weight", "blocks.0.attn.qkv.bias", "norm.bias"}) {
            assertArrayEquals(straight.vit().parameters().get(name).array().toFloatArray(),
                    resumed.vit().parameters().get(name).array().toFloatArray(), name);
        }
        straight.vit().close();
        resumed.vit().close();
    }

    @Test
    void nanLossStopsAsDiverged() {
        PeftModel m = model();
        TrainingResult r = new Trainer(recipe(3), new TrainingListener() {}).fit(m, TensorBatchSource.withNaN(TRAIN), TEST, null);
        assertEquals(TrainingResult.Status.DIVERGED, r.status());
        assertTrue(r.message().contains("learning rate") && r.message().contains("NaN"), r.message());
        m.vit().close();
    }
}
