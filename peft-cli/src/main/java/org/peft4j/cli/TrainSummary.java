package org.peft4j.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.peft4j.runtime.config.PeftConfig;
import org.peft4j.runtime.io.AtomicFiles;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.pipeline.TaskSplits;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.train.EvalResult;
import org.peft4j.runtime.train.TrainingRecipe;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.VisionTransformer;

/** The {@code summary.json} that {@code peft train} writes: what was trained, how, and the outcome. */
final class TrainSummary {

    private final JsonObject json = new JsonObject();

    /**
     * Describes the run.
     *
     * @param run the trained method and model, and where the base weights came from
     * @param data the task and splits
     * @param recipe the training settings
     * @param settings the effective configuration
     */
    TrainSummary(FineTuned run, TaskSplits data, TrainingRecipe recipe, PeftConfig settings) {
        MethodInstance method = run.method();
        VisionTransformer vit = run.backbone().vit();
        Backbones.Base base = run.backbone();
        JsonObject m = new JsonObject();
        m.addProperty("name", method.name());
        m.addProperty("version", method.version());
        m.addProperty("spi_version", method.spiVersion());
        JsonObject hyperparameters = new JsonObject();
        method.hyperparameters().asMap().forEach((k, v) -> hyperparameters.addProperty(k, String.valueOf(v)));
        m.add("hyperparameters", hyperparameters);
        json.add("method", m);
        JsonObject model = new JsonObject();
        model.addProperty("preset", vit.config().name());
        model.addProperty("checkpoint", base.checkpoint() == null ? null : base.checkpoint().toString());
        model.addProperty("checkpoint_sha256", base.sha256());
        model.addProperty("classes", vit.config().numClasses());
        model.addProperty("backbone_parameters", vit.backboneParameters());
        model.addProperty("inserted_parameters", vit.insertedParameters());
        model.addProperty("trainable_parameters", vit.trainableParameters());
        json.add("model", model);
        JsonObject d = new JsonObject();
        d.addProperty("task", data.name());
        d.addProperty("folder", data.folder().toAbsolutePath().normalize().toString());
        d.addProperty("train_split", data.train().name());
        d.addProperty("train_images", data.train().size());
        d.addProperty("eval_split", data.eval() == null ? null : data.eval().name());
        d.addProperty("eval_images", data.eval() == null ? 0 : data.eval().size());
        json.add("data", d);
        JsonObject r = new JsonObject();
        r.addProperty("epochs", recipe.epochs());
        r.addProperty("batch_size", recipe.batchSize());
        r.addProperty("micro_batch", recipe.microBatch());
        r.addProperty("lr", recipe.lr());
        r.addProperty("weight_decay", recipe.weightDecay());
        r.addProperty("warmup_epochs", recipe.warmupEpochs());
        r.addProperty("warmup_lr", recipe.warmupLr());
        r.addProperty("min_lr", recipe.minLr());
        r.addProperty("drop_path", recipe.dropPath());
        r.addProperty("seed", recipe.seed());
        r.addProperty("reference_compat", recipe.referenceSchedule());
        json.add("recipe", r);
        JsonObject config = new JsonObject();
        settings.texts().forEach(config::addProperty);
        json.add("config", config);
    }

    /**
     * Adds the outcome.
     *
     * @param result the training result
     * @param adapter the adapter file, or null if none was written
     * @return this summary
     */
    TrainSummary outcome(TrainingResult result, Path adapter) {
        json.addProperty("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        json.addProperty("message", result.message());
        json.addProperty("train_seconds", result.trainSeconds());
        json.addProperty("skipped_batches", result.skippedBatches());
        JsonArray epochs = new JsonArray();
        for (TrainingResult.EpochRecord e : result.history()) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("epoch", e.epoch());
            epoch.addProperty("lr", e.lr());
            epoch.addProperty("mean_loss", finite(e.meanLoss()));
            epoch.addProperty("seconds", e.seconds());
            epoch.addProperty("data_wait_seconds", e.dataSeconds());
            epoch.addProperty("skipped_batches", e.skippedBatches());
            epochs.add(epoch);
        }
        json.add("epochs", epochs);
        EvalResult eval = result.finalEval();
        if (eval != null) {
            JsonObject e = new JsonObject();
            e.addProperty("accuracy", eval.accuracy());
            e.addProperty("loss", finite(eval.loss()));
            e.addProperty("images", eval.size());
            json.add("eval", e);
        }
        json.addProperty("adapter", adapter == null ? null : adapter.toString());
        return this;
    }

    /**
     * Writes the summary atomically.
     *
     * @param file destination
     */
    void write(Path file) {
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json) + "\n");
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
