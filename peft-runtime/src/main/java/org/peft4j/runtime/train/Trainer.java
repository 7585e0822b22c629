package org.peft4j.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Trains a {@link PeftModel} with a {@link TrainingRecipe}: AdamW on the trainable parameters,
 * per-epoch learning rate, gradient accumulation, optional held-out evaluation, divergence
 * detection (or skipping, see {@link NonFiniteLoss}) and atomic epoch checkpoints from which a
 * killed run resumes bit-identically.
 */
public final class Trainer {

    private static final Logger LOG = LogManager.getLogger(Trainer.class);

    private final TrainingRecipe recipe;
    private final TrainingListener listener;
    private final RunFingerprint context;
    private final ResumeMismatch onMismatch;
    private final NonFiniteLoss onNonFinite;

    /**
     * Creates a trainer that refuses to resume from a checkpoint of a different run.
     *
     * @param recipe the settings
     * @param listener progress events (e.g. {@link ProgressBar})
     */
    public Trainer(TrainingRecipe recipe, TrainingListener listener) {
        this(recipe, listener, RunFingerprint.empty(), ResumeMismatch.REFUSE, NonFiniteLoss.STOP);
    }

    private Trainer(TrainingRecipe recipe, TrainingListener listener, RunFingerprint context, ResumeMismatch onMismatch,
            NonFiniteLoss onNonFinite) {
        this.recipe = recipe;
        this.listener = listener;
        this.context = context;
        this.onMismatch = onMismatch;
        this.onNonFinite = onNonFinite;
    }

    /**
     * This trainer with what else determines the run's result, beyond what the trainer sees itself
     * (recipe, model, trainable tensors, the content of both splits, the code): the method and its
     * hyperparameters, the base checkpoint's hash, the normalisation. An epoch checkpoint is resumed
     * only when all of it is equal.
     *
     * @param parts the caller's parts
     * @return the new trainer
     */
    public Trainer withFingerprint(RunFingerprint parts) {
        return new Trainer(recipe, listener, context.with(parts), onMismatch, onNonFinite);
    }

    /**
     * This trainer with a policy for an epoch checkpoint of a different run.
     *
     * @param policy refuse (the default) or restart
     * @return the new trainer
     */
    public Trainer onMismatch(ResumeMismatch policy) {
        return new Trainer(recipe, listener, context, policy, onNonFinite);
    }

    /**
     * This trainer with a policy for a NaN or infinite loss.
     *
     * @param policy stop (the default) or skip the batch
     * @return the new trainer
     */
    public Trainer onNonFiniteLoss(NonFiniteLoss policy) {
        return new Trainer(recipe, listener, context.with("trainer.non_finite_loss", policy), onMismatch, policy);
    }

    /**
     * Trains, resuming from {@code checkpointDir} if it holds a checkpoint of the same run.
     *
     * @param model the model; its drop path rate is set from the recipe
     * @param train the training split
     * @param eval the held-out split, or null
     * @param checkpointDir where epoch checkpoints go, or null for none
     * @return the outcome; a NaN or infinite loss gives {@link TrainingResult.Status#DIVERGED}, or
     *     under {@link NonFiniteLoss#SKIP} a skipped batch
     */
    public TrainingResult fit(PeftModel model, BatchSource train, BatchSource eval, Path checkpointDir) {
        VisionTransformer vit = model.vit();
        vit.setDropPathRate(recipe.dropPath());
        List<ModelParameter> trainable = vit.parameters().where(ModelParameter::isTrainable);
        AdamW adamw = AdamW.standard(trainable);
        RunFingerprint fingerprint = fingerprint(vit, trainable, train, eval);
        List<TrainingResult.EpochRecord> history = new ArrayList<>();
        if (checkpointDir != null) {
            history.addAll(TrainingCheckpoint.restore(checkpointDir, adamw, fingerprint, onMismatch));
            if (!history.isEmpty()) {
                LOG.info("resuming after epoch {} from {}", history.size(), TrainingCheckpoint.file(checkpointDir));
            }
        }
        long stepsPerEpoch = recipe.dropLastSteps(train.size());
        listener.onStart(stepsPerEpoch * recipe.epochs(), (long) adamw.steps());
        long t0 = System.nanoTime();
        EvalResult lastEval = null;
        try {
            for (int epoch = history.size(); epoch < recipe.epochs(); epoch++) {
                double lr = recipe.schedule().forEpoch(epoch);
                double lossSum = 0;
                int steps = 0;
                int skipped = 0;
                long epochStart = System.nanoTime();
                long dataNanos = 0;
                Iterator<Batch> batches = train.batches(recipe.batchSize(), true, epochSeed(epoch), true, vit.device());
                try {
                    while (true) {
                        long waitStart = System.nanoTime();
                        if (!batches.hasNext()) {
                            break;
                        }
                        Batch next = batches.next();
                        dataNanos += System.nanoTime() - waitStart;
                        float loss;
                        // Reseeding per step makes drop path and dropout masks a function of
                        // (seed, step) alone, whatever else drew from the engine's generator.
                        Engine.getInstance().setRandomSeed(stepSeed(adamw.steps()));
                        try (Batch batch = next) {
                            loss = step(vit, batch);
                        }
                        if (!Float.isFinite(loss) && onNonFinite == NonFiniteLoss.SKIP) {
                            adamw.discardGradients();
                            skipped++;
                            LOG.warn("skipped a batch: the loss was {} at epoch {}, after step {}", loss, epoch,
                                    adamw.steps());
                            continue;
                        }
                        if (!Float.isFinite(loss)) {
                            String message = String.format(Locale.ROOT,
                                    "diverged: the loss became %s at epoch %d, step %d (learning rate %.3g)",
                                    loss, epoch, adamw.steps() + 1, lr);
                            LOG.warn(message);
                            return new TrainingResult(TrainingResult.Status.DIVERGED, message, history.size(), history,
                                    null, seconds(t0));
                        }
                        adamw.step((float) lr, (float) recipe.weightDecay());
                        lossSum += loss;
                        steps++;
                        listener.onStep(epoch, adamw.steps(), loss, lr, recipe.batchSize());
                    }
                } finally {
                    Batches.close(batches);
                }
                double epochSeconds = seconds(epochStart);
                boolean evaluate = eval != null && ((epoch + 1) % recipe.evalEvery() == 0 || epoch + 1 == recipe.epochs());
                lastEval = evaluate ? Evaluator.evaluate(vit, eval, Math.max(recipe.batchSize(), 128)) : null;
                double meanLoss = steps == 0 ? Double.NaN : lossSum / steps;
                history.add(new TrainingResult.EpochRecord(epoch, lr, meanLoss,
                        lastEval == null ? Double.NaN : lastEval.accuracy(), epochSeconds, dataNanos / 1e9, skipped));
                listener.onEpoch(epoch, meanLoss, lastEval);
                if (checkpointDir != null) {
                    TrainingCheckpoint.save(checkpointDir, adamw, epoch + 1, history, fingerprint);
                }
            }
        } finally {
            listener.onFinish();
        }
        if (eval != null && lastEval == null) {
            lastEval = Evaluator.evaluate(vit, eval, Math.max(recipe.batchSize(), 128));
        }
        return new TrainingResult(TrainingResult.Status.OK, "", history.size(), history, lastEval, seconds(t0));
    }

    private float step(VisionTransformer vit, Batch batch) {
        int micro = recipe.microBatch();
        int n = batch.size();
        if (micro >= n) {
            return forwardBackward(vit, batch.images(), batch.labels(), 1f);
        }
        float lossSum = 0;
        for (int start = 0; start < n; start += micro) {
            int end = Math.min(n, start + micro);
            NDIndex range = new NDIndex("{}:{}", start, end);
            float loss = forwardBackward(vit, batch.images().get(range), batch.labels().get(range),
                    (end - start) / (float) n);
            if (!Float.isFinite(loss)) {
                return loss;
            }
            lossSum += loss * (end - start);
        }
        return lossSum / n;
    }

    private static float forwardBackward(VisionTransformer vit, NDArray images, NDArray labels, float scale) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return TrainStep.forwardBackward(vit, images, labels, scale);
        }
    }

    private int epochSeed(int epoch) {
        return (int) (recipe.seed() * 1_000_003L + epoch * 7919L);
    }

    private int stepSeed(long step) {
        return (int) (recipe.seed() * 998_244_353L + step * 104_729L + 17);
    }

    /** Everything this run's result depends on: the caller's parts and what the trainer sees. */
    RunFingerprint fingerprint(VisionTransformer vit, List<ModelParameter> trainable, BatchSource train, BatchSource eval) {
        StringBuilder names = new StringBuilder();
        trainable.forEach(p -> names.append(p.name()).append(p.array().getShape()).append(';'));
        return context.with("trainer.recipe", recipe).with("trainer.model", vit.config())
                .with("trainer.trainable", org.peft4j.runtime.data.ContentHash.sha256(names.toString()))
                .with("data.train", train.contentKey()).with("data.eval", eval == null ? "none" : eval.contentKey())
                .with("code", CodeVersion.current());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
