package org.peft4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.api.ParameterSelector;
import org.peft4j.runtime.vit.ModelParameter;
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
    void aFinishedCheckpointOfAnotherRunIsNeverResumedSilently(@TempDir Path dir) throws Exception {
        RunFingerprint dropout0 = RunFingerprint.empty().with("method", "lora").with("method.hyperparameters", "dropout=0.0");
        RunFingerprint dropout1 = RunFingerprint.empty().with("method", "lora").with("method.hyperparameters", "dropout=0.1");
        PeftModel first = model();
        new Trainer(recipe(2), new TrainingListener() {}).withFingerprint(dropout0).fit(first, TRAIN, null, dir);
        first.vit().close();

        // a hyperparameter that changes no shape: refused, naming what differs, nothing deleted
        PeftModel refused = model();
        org.peft4j.runtime.io.CheckpointException e = assertThrows(org.peft4j.runtime.io.CheckpointException.class,
                () -> new Trainer(recipe(2), new TrainingListener() {}).withFingerprint(dropout1).fit(refused, TRAIN, null, dir));
        assertTrue(e.getMessage().contains("was written by a run that differs in method.hyperparameters;"), e.getMessage());
        assertTrue(java.nio.file.Files.exists(TrainingCheckpoint.file(dir)));
        // other data under the same settings: refused too
        assertThrows(org.peft4j.runtime.io.CheckpointException.class, () -> new Trainer(recipe(2), new TrainingListener() {})
                .withFingerprint(dropout0).fit(refused, TensorBatchSource.brightness(64, 32, 9), null, dir));

        // the user's choice: start from the beginning, the old checkpoint kept aside
        TrainingResult restarted = new Trainer(recipe(2), new TrainingListener() {}).withFingerprint(dropout1)
                .onMismatch(ResumeMismatch.RESTART).fit(refused, TRAIN, null, dir);
        assertEquals(2, restarted.epochsDone());
        assertEquals(0, restarted.history().stream().filter(h -> h.epoch() < 0).count());
        assertTrue(java.nio.file.Files.exists(dir.resolve("last-epoch.safetensors.mismatched")));
        refused.vit().close();

        // the same run again resumes (nothing left to train)
        PeftModel same = model();
        long[] steps = {0};
        TrainingListener counting = new TrainingListener() {
            @Override
            public void onStep(int epoch, long step, float loss, double lr, int images) {
                steps[0]++;
            }
        };
        new Trainer(recipe(2), counting).withFingerprint(dropout1).fit(same, TRAIN, null, dir);
        assertEquals(0, steps[0], "a finished run of the same settings and data resumes without training");
        same.vit().close();
    }

    @Test
    void aTornCheckpointIsMovedAsideAndTheRunStartsOver(@TempDir Path dir) throws Exception {
        java.nio.file.Files.write(TrainingCheckpoint.file(dir), new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{'});
        PeftModel m = model();
        TrainingResult r = new Trainer(recipe(2), new TrainingListener() {}).fit(m, TRAIN, null, dir);
        assertEquals(2, r.epochsDone());
        assertTrue(java.nio.file.Files.exists(dir.resolve("last-epoch.safetensors.corrupt")));
        m.vit().close();
    }

    @Test
    void nanLossStopsAsDiverged() {
        PeftModel m = model();
        TrainingResult r = new Trainer(recipe(3), new TrainingListener() {}).fit(m, TensorBatchSource.withNaN(TRAIN), TEST, null);
        assertEquals(TrainingResult.Status.DIVERGED, r.status());
        assertTrue(r.message().contains("learning rate") && r.message().contains("NaN"), r.message());
        m.vit().close();
    }

    @Test
    void nanLossUnderSkipIsSkippedCountedAndLeavesNoTrace() {
        TensorBatchSource poisoned = TensorBatchSource.withNaN(TRAIN);
        TrainingRecipe recipe = recipe(3).withBatch(16, 4);
        PeftModel skipping = model();
        TrainingResult r = new Trainer(recipe, new TrainingListener() {}).onNonFiniteLoss(NonFiniteLoss.SKIP)
                .fit(skipping, poisoned, TEST, null);
        assertEquals(TrainingResult.Status.OK, r.status(), r.message());
        assertEquals(3, r.skippedBatches(), "the poisoned image is in one batch of each epoch");
        for (TrainingResult.EpochRecord e : r.history()) {
            assertEquals(1, e.skippedBatches(), "epoch " + e.epoch());
            assertTrue(Double.isFinite(e.meanLoss()), "the mean loss is over the batches not skipped: " + e);
        }
        assertTrue(Double.isFinite(r.finalEval().loss()));

        // the same run on exactly the batches that were not skipped: identical weights, so the
        // skipped batches left no gradient behind (also when an earlier micro-batch of theirs was
        // finite and back-propagated) and took no optimizer step
        List<Integer> positions = new ArrayList<>();
        PeftModel clean = model();
        TrainingResult c = new Trainer(recipe, new TrainingListener() {})
                .fit(clean, TensorBatchSource.withoutBatchesOf(poisoned, 0, positions), TEST, null);
        assertEquals(TrainingResult.Status.OK, c.status());
        assertEquals(3, positions.size());
        assertTrue(positions.stream().anyMatch(p -> p >= 4), "the poisoned image follows a finite micro-batch in "
                + "some epoch, at positions " + positions);
        for (ModelParameter p : skipping.vit().parameters().where(ModelParameter::isTrainable)) {
            float[] expected = clean.vit().parameters().get(p.name()).array().toFloatArray();
            assertArrayEquals(expected, p.array().toFloatArray(), p.name());
        }
        PeftModel untrained = model();
        assertTrue(!java.util.Arrays.equals(untrained.vit().parameters().get("head.weight").array().toFloatArray(),
                skipping.vit().parameters().get("head.weight").array().toFloatArray()), "the other batches trained");
        untrained.vit().close();
        skipping.vit().close();
        clean.vit().close();
    }

    @Test
    void discardingGradientsClearsNanAndInfinity() {
        PeftModel m = model();
        List<ModelParameter> trainable = m.vit().parameters().where(ModelParameter::isTrainable);
        AdamW adamw = AdamW.standard(trainable);
        float[] before = trainable.get(0).array().toFloatArray();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
                ai.djl.training.GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ai.djl.ndarray.NDArray w = trainable.get(0).array();
            ai.djl.ndarray.NDArray inf = manager.full(w.getShape(), Float.POSITIVE_INFINITY);
            inf.set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
            collector.backward(w.mul(inf).sum());
        }
        float[] grad = trainable.get(0).array().getGradient().toFloatArray();
        assertTrue(Float.isNaN(grad[0]) && Float.isInfinite(grad[grad.length - 1]), "the gradient holds NaN and inf");
        adamw.discardGradients();
        for (ModelParameter p : trainable) {
            for (float g : p.array().getGradient().toFloatArray()) {
                assertEquals(0f, g, p.name());
            }
        }
        adamw.step(1e-2f, 0f);
        assertArrayEquals(before, trainable.get(0).array().toFloatArray(), "a zero gradient moves nothing");
        m.vit().close();
    }
}
