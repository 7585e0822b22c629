package org.peft4j.eval.protocol.run;

import ai.djl.Device;
import java.util.Iterator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.eval.bench.GpuMemory;
import org.peft4j.eval.bench.InferenceSpeed;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.train.Batch;
import org.peft4j.runtime.train.Batches;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;

/**
 * Measures what a finished trial cost besides parameters: the mean epoch time from the training
 * history, the GPU memory in use, and, for a final trial that ended ok, the inference throughput of
 * the trained model unmerged and (for a mergeable method) merged. Merging changes the model, so it
 * runs last, after the predictions and the adapter were saved.
 */
final class TrialCosts {

    private static final Logger LOG = LogManager.getLogger(TrialCosts.class);

    /** Timed forward passes per measurement. */
    static final int PASSES = 5;

    private TrialCosts() {}

    /**
     * Training costs only.
     *
     * @param training the training result
     * @param device the trial's device
     * @return the costs, without inference
     */
    static TrialRecord.Costs training(TrainingResult training, Device device) {
        double epochSeconds = training.history().stream().mapToDouble(TrainingResult.EpochRecord::seconds)
                .average().orElse(-1);
        return new TrialRecord.Costs(epochSeconds, GpuMemory.usedMib(device), null);
    }

    /**
     * Training costs and the inference throughput on the first batch of the held-out split.
     *
     * @param run the finished run; a mergeable method is merged into it
     * @param device the trial's device
     * @param batchSize images per forward pass
     * @return the costs
     */
    static TrialRecord.Costs withInference(FineTuned run, Device device, int batchSize) {
        TrialRecord.Costs training = training(run.training(), device);
        Iterator<Batch> batches = run.data().eval().batches(batchSize, false, 0, false, device);
        try (Batch batch = batches.next()) {
            PeftModel model = run.model();
            double unmerged = InferenceSpeed.imagesPerSecond(model.vit(), batch.images(), PASSES);
            double merged = model.isMergeable() ? InferenceSpeed.imagesPerSecond(model.merge(), batch.images(), PASSES)
                    : -1;
            return new TrialRecord.Costs(training.epochSeconds(), training.gpuMemoryMib(),
                    new TrialRecord.Inference(batch.size(), PASSES, unmerged, merged));
        } catch (RuntimeException e) {
            LOG.warn("the inference time of {} was not measured: {}", run.method().name(), e.getMessage());
            return training;
        } finally {
            Batches.close(batches);
        }
    }
}
