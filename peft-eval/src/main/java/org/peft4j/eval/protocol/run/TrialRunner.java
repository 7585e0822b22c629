package org.peft4j.eval.protocol.run;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.api.SpiVersion;
import org.peft4j.eval.bench.PeakMemory;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialIds;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.TrialStatus;
import org.peft4j.eval.protocol.store.Claim;
import org.peft4j.eval.protocol.store.ProcessIdentity;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.eval.protocol.store.TrialRecord;
import org.peft4j.runtime.BuildInfo;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.pipeline.Backbones;
import org.peft4j.runtime.pipeline.FineTuned;
import org.peft4j.runtime.pipeline.FineTuning;
import org.peft4j.runtime.train.ResumeMismatch;
import org.peft4j.runtime.pipeline.FineTuningObserver;
import org.peft4j.runtime.pipeline.MethodSetupException;
import org.peft4j.runtime.pipeline.TaskSplits;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.RegisteredMethod;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Runs one trial from its spec alone: reads only the trial's two list files and runs the
 * {@link FineTuning} pipeline on them (backbone from the base checkpoint with a fresh head for the
 * task, the method attached, trained by the {@code Trainer} resuming from the trial's epoch
 * checkpoint, the held-out split scored once), then returns the record. The first seed of a final
 * trial also keeps its trained tensors as {@value #ADAPTER} (an adapter file) for analyses that
 * need the weights, and every trial records its costs ({@link TrialCosts}). Any exception, including one thrown by a plugin, becomes a
 * {@link TrialStatus#FAILED} record; a NaN or infinite loss a {@link TrialStatus#DIVERGED} one
 * (see docs/methods.md#tuning-protocol).
 */
public final class TrialRunner {

    private static final Logger LOG = LogManager.getLogger(TrialRunner.class);

    /** The trained tensors of the first final seed, saved for analyses such as WiSE-FT. */
    public static final String ADAPTER = "adapter.safetensors";

    /** The base-checkpoint hash recorded in the adapter of a trial on a randomly initialised backbone. */
    public static final String RANDOM_BASE = FineTuned.RANDOM_BASE;

    private final ResultStore store;
    private final MethodRegistry registry;
    private final Device device;
    private final ImageCache.Options cacheOptions;

    /**
     * Creates a runner.
     *
     * @param store where records, predictions and epoch checkpoints go
     * @param registry the methods available to this process
     * @param device where to train
     * @param cacheOptions the image cache settings
     */
    public TrialRunner(ResultStore store, MethodRegistry registry, Device device, ImageCache.Options cacheOptions) {
        this.store = store;
        this.registry = registry;
        this.device = device;
        this.cacheOptions = cacheOptions;
    }

    /**
     * Runs a trial.
     *
     * @param trial the trial
     * @param claim this process's claim on it (stops the trial when lost), or null
     * @param attempt the attempt number, for the record
     * @return the record (not yet written)
     * @throws ClaimLostException if another process took the claim over
     * @throws EnvironmentFailure if the machine failed the trial (out of memory, disk full, ...):
     *     no record, the epoch checkpoint is kept for the next attempt
     */
    public TrialRecord run(Trial trial, Claim claim, int attempt) {
        Draft draft = new Draft(trial, attempt);
        try {
            train(trial, claim, draft);
        } catch (ClaimLostException e) {
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError | OutOfMemoryError | StackOverflowError e) {
            java.util.Optional<String> environment = EnvironmentFailure.of(e);
            if (environment.isPresent()) {
                throw new EnvironmentFailure(draft.id, environment.get(), e);
            }
            draft.status = TrialStatus.FAILED;
            draft.message = describe(e);
            LOG.warn("trial {} ({}) failed: {}", draft.id, trial.settings().describe(), draft.message);
            LOG.debug("trial {} failed", draft.id, e);
        }
        return draft.record(device);
    }

    private void train(Trial trial, Claim claim, Draft draft) {
        TrialSettings s = trial.settings();
        TaskSplits splits = TaskSplits.lists(Path.of(s.dataRoot()).resolve(s.task().name()), s.task().numClasses(),
                trial.trainSplit(), trial.evalSplit());
        draft.data.add(splitInfo(splits.train()));
        draft.data.add(splitInfo(splits.eval()));
        RegisteredMethod method = registry.method(s.method());
        draft.method = new TrialRecord.MethodInfo(method.name(), method.version(), method.spiVersion(), method.source());
        if (!method.version().equals(s.methodVersion())) {
            throw new IllegalStateException("method '" + s.method() + "' is version " + method.version()
                    + " in this process, but the comparison was planned with version " + s.methodVersion()
                    + "; use the same plugin, or start a new comparison");
        }
        if (s.recipe().dropLastSteps(splits.train().size()) == 0) {
            throw new IllegalArgumentException("split " + splits.train().name() + " of task " + s.task().name() + " has "
                    + splits.train().size() + " images, fewer than the batch size " + s.recipe().batchSize()
                    + ", so no training step would run; lower train.batch_size");
        }
        try (FineTuned run = FineTuning.builder()
                .task(splits, s.normalization(), cacheOptions)
                .backbone(s.model(), s.checkpoint() == null ? null : Path.of(s.checkpoint().path()))
                .freshHead(true)
                .device(device)
                .method(registry, s.method(), s.hyperparameters())
                .referenceCompat(s.referenceCompat())
                .recipe(s.recipe())
                .checkpointDir(store.checkpointDir(draft.id))
                // the trial id pins the settings; a checkpoint of other data or code is redone, not reused
                .onMismatch(ResumeMismatch.RESTART)
                .listener(data -> draft.listener = new TrialListener(
                        new ProgressBar(trial.kind().label() + " " + s.describe(), s.recipe().epochs()), claim,
                        s.recipe().dropLastSteps(data.train().size()), new CurveRecorder(store.curveFile(draft.id))))
                .observer(draft)
                .build().run()) {
            draft.finish(run.training(), draft.listener.resumedEpochs());
            if (claim != null && !claim.held()) {
                throw new ClaimLostException(draft.id); // write nothing into a trial another process now owns
            }
            if (run.ok() && trial instanceof FinalTrial f) {
                draft.predictions = store.writePredictions(draft.id, run.training().finalEval(), trial.evalSplit());
                if (f.seedIndex() == 0) {
                    run.saveAdapter(store.trialDir(draft.id).resolve(ADAPTER));
                }
            }
            // last: measuring the merged model merges it
            draft.costs = run.ok() && trial instanceof FinalTrial
                    ? TrialCosts.withInference(run, device, s.recipe().microBatch())
                    : TrialCosts.training(run.training(), device);
        }
    }

    private static TrialRecord.SplitInfo splitInfo(DataSplit split) {
        return new TrialRecord.SplitInfo(split.name(), split.contentHash().isEmpty() ? null : split.contentHash(),
                split.size());
    }

    /**
     * "Type: message", with the innermost cause when it differs. A method's fault is described by
     * the plugin's own exception: the record names the method already.
     */
    static String describe(Throwable failure) {
        Throwable e = failure instanceof MethodSetupException && failure.getCause() != null ? failure.getCause() : failure;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** The parts of a record, collected while the trial runs; checks the base weights against the plan. */
    private static final class Draft implements FineTuningObserver {
        final Trial trial;
        final String id;
        final int attempt;
        final Instant started = Instant.now();
        final long startNanos = System.nanoTime();
        final boolean peakReset = PeakMemory.resetPeak();
        final List<TrialRecord.SplitInfo> data = new ArrayList<>();
        TrialStatus status = TrialStatus.OK;
        String message = "";
        TrialRecord.MethodInfo method;
        String checkpointSha256;
        TrialRecord.ParameterCounts parameters;
        TrialRecord.Metrics metrics;
        List<TrialRecord.EpochSummary> history = List.of();
        TrialRecord.PredictionsInfo predictions;
        TrialRecord.Costs costs;
        double trainSeconds;
        int resumedEpochs;
        TrialListener listener;

        Draft(Trial trial, int attempt) {
            this.trial = trial;
            this.id = trial.id();
            this.attempt = attempt;
        }

        @Override
        public void backboneReady(Backbones.Base backbone) {
            checkpointSha256 = backbone.sha256();
            TrialSettings s = trial.settings();
            if (s.checkpoint() != null) {
                s.checkpoint().verify(backbone.checkpoint(), backbone.sha256());
            }
        }

        @Override
        public void attached(PeftModel model) {
            VisionTransformer vit = model.vit();
            parameters = new TrialRecord.ParameterCounts(vit.insertedParameters(), vit.trainableParameters(),
                    vit.backboneParameters());
        }

        void finish(TrainingResult result, int resumed) {
            history = result.history().stream()
                    .map(e -> new TrialRecord.EpochSummary(e.epoch(), e.lr(), e.meanLoss(), e.skippedBatches())).toList();
            trainSeconds = result.trainSeconds();
            resumedEpochs = resumed;
            if (result.status() == TrainingResult.Status.DIVERGED) {
                status = TrialStatus.DIVERGED;
                message = result.message();
                return;
            }
            metrics = new TrialRecord.Metrics(trial.evalSplit(), result.finalEval().accuracy(),
                    result.finalEval().loss(), result.finalEval().size());
        }

        TrialRecord record(Device device) {
            TrialSettings s = trial.settings();
            ProcessIdentity me = ProcessIdentity.current();
            BuildInfo build = BuildInfo.current();
            return new TrialRecord(TrialRecord.FORMAT, id, TrialIds.configHash(trial.kind(), s), trial.kind(),
                    s.protocol(), status, message, s, trial.trainSplit(), trial.evalSplit(), method, SpiVersion.CURRENT,
                    checkpointSha256, List.copyOf(data), metrics, parameters, history, predictions,
                    new TrialRecord.Timing(trainSeconds, (System.nanoTime() - startNanos) / 1e9, resumedEpochs),
                    new TrialRecord.Memory(PeakMemory.peakRssMib(), peakReset ? "trial" : "process"),
                    new TrialRecord.Execution(me.host(), me.pid(), device.toString(), attempt, started.toString(),
                            Instant.now().toString(), build.version(), Runtime.version().toString(), build.commit(),
                            build.dirty(), BuildInfo.libtorchVersion()),
                    costs);
        }
    }
}
