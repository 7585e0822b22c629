package org.peft4j.eval.protocol.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peft4j.eval.protocol.TinyBenchmark;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.pipeline.FineTuning;
import org.peft4j.runtime.pipeline.TaskSplits;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.TrainingRecipe;

/**
 * The costs of a real run: built-in LoRA (mergeable) and VPT-deep (not) trained for two epochs on
 * the tiny benchmark, then timed unmerged and, for LoRA, merged.
 */
class TrialCostsTest {

    @TempDir
    static Path dir;

    private static FineTuned train(String method, Map<String, String> hyperparameters, MethodRegistry registry) {
        Path task = TinyBenchmark.writeTask(dir.resolve("data"), "alpha", 3, 1);
        return FineTuning.builder()
                .task(TaskSplits.validated(task, null, "train800", "test"), Normalization.NONE,
                        ImageCache.Options.defaults().withDirectory(dir.resolve("cache")).withThreads(1))
                .backbone(TinyBenchmark.MODEL, null)
                .method(registry, method, hyperparameters)
                .recipe(TrainingRecipe.study(1e-3, 1e-4).withEpochs(2, 0).withBatch(8, 8).withDropPath(0f))
                .build().run();
    }

    @Test
    void aMergeableMethodIsTimedUnmergedThenMerged() {
        try (MethodRegistry registry = MethodRegistry.discover();
                FineTuned run = train("lora", Map.of("rank", "2"), registry)) {
            assertTrue(run.model().vit().insertedParameters() > 0);
            TrialRecord.Costs costs = TrialCosts.withInference(run, Device.cpu(), 6);
            assertEquals(2, run.training().history().size());
            double meanEpoch = (run.training().history().get(0).seconds() + run.training().history().get(1).seconds()) / 2;
            assertEquals(meanEpoch, costs.epochSeconds(), 1e-12);
            assertEquals(-1, costs.gpuMemoryMib(), "trained on the CPU");
            TrialRecord.Inference inference = costs.inference();
            assertEquals(6, inference.batch());
            assertEquals(TrialCosts.PASSES, inference.passes());
            assertTrue(inference.unmergedImagesPerSecond() > 0, inference.toString());
            assertTrue(inference.mergedImagesPerSecond() > 0, inference.toString());
            assertEquals(0, run.model().vit().insertedParameters(), "timing the merged model merged it");
        }
    }

    @Test
    void aMethodThatCannotMergeHasNoMergedTime() {
        try (MethodRegistry registry = MethodRegistry.discover();
                FineTuned run = train("vpt_deep", Map.of("prompts", "2"), registry)) {
            assertFalse(run.model().isMergeable());
            TrialRecord.Inference inference = TrialCosts.withInference(run, Device.cpu(), 4).inference();
            assertTrue(inference.unmergedImagesPerSecond() > 0, inference.toString());
            assertEquals(-1, inference.mergedImagesPerSecond());
            assertNull(TrialCosts.training(run.training(), Device.cpu()).inference());
        }
    }
}
