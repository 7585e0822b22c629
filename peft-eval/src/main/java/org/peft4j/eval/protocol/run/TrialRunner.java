package org.peft4j.eval.protocol.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
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
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.VtabDataset;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.plugins.RegisteredMethod;
import org.peft4j.runtime.train.ProgressBar;
import org.peft4j.runtime.train.Trainer;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * Runs one trial from its spec alone: reads only the trial's two list files, builds the backbone
 * from the base checkpoint with a fresh head for the task, attaches the method, trains with the
 * {@link Trainer} (resuming from the trial's epoch checkpoint), scores the held-out split once and
 * returns the record. The first seed of a final trial also keeps its trained tensors as
 * {@value #ADAPTER} (an adapter file) for analyses that need the weights. Any exception,
 * including one thrown by a plugin, becomes a {@link TrialStatus#FAILED} record; a NaN or
 * infinite loss a {@link TrialStatus#DIVERGED} one.
 */
public final class TrialRunner {

    private static final Logger LOG = LogManager.getLogger(TrialRunner.class);

    /** The trained tensors of the first final seed, saved for analyses such as WiSE-FT. */
    public static final String ADAPTER = "adapter.safetensors";

    /** The base-checkpoint hash recorded in the adapter of a trial on a randomly initialised backbone. */
    public static final String RANDOM_BASE = "random-init";

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
     */
    public TrialRecord run(Trial trial, Claim claim, int attempt) {
        Draft draft = new Draft(trial, attempt);
        try {
            train(trial, claim, draft);
        } catch (ClaimLostException e) {
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError | OutOfMemoryError | StackOverflowError e) {
            draft.status = TrialStatus.FAILED;
            draft.message = describe(e);
            LOG.warn("trial {} ({}) failed: {}", draft.id, trial.settings().describe(), draft.message);
            LOG.debug("trial {} failed", draft.id, e);
        }
        return draft.record(device);
    }

    private void train(Trial trial, Claim claim, Draft draft) {
        TrialSettings s = trial.settings();
        Path taskDir = Path.of(s.dataRoot()).resolve(s.task().name());
        int classes = s.task().numClasses();
        DataSplit train = VtabDataset.readSplit(taskDir, trial.trainSplit(), classes);
        DataSplit eval = VtabDataset.readSplit(taskDir, trial.evalSplit(), classes);
        draft.data.add(splitInfo(train));
        draft.data.add(splitInfo(eval));
        ImageTransform transform = ImageTransform.stretch(s.model().imageSize());
        RegisteredMethod method = registry.method(s.method());
        draft.method = new TrialRecord.MethodInfo(method.name(), method.version(), method.spiVersion(), method.source());
        if (!method.version().equals(s.methodVersion())) {
            throw new IllegalStateException("method '" + s.method() + "' is version " + method.version()
                    + " in this process, but the comparison was planned with version " + s.methodVersion()
                    + "; use the same plugin, or start a new comparison");
        }
        MethodInstance instance = method.create(s.hyperparameters());
        if (s.recipe().dropLastSteps(train.size()) == 0) {
            throw new IllegalArgumentException("split " + train.name() + " of task " + s.task().name() + " has "
                    + train.size() + " images, fewer than the batch size " + s.recipe().batchSize()
                    + ", so no training step would run; lower train.batch_size");
        }
        try (CachedBatchSource trainSource = source(train, transform, s);
                CachedBatchSource evalSource = source(eval, transform, s)) {
            Engine.getInstance().setRandomSeed((int) s.recipe().seed());
            try (VisionTransformer vit = VisionTransformer.create(s.model(), device)) {
                if (s.checkpoint() != null) {
                    CheckpointFile base = Checkpoints.load(vit, Path.of(s.checkpoint().path()));
                    draft.checkpointSha256 = base.sha256();
                    if (!base.sha256().equals(s.checkpoint().sha256())) {
                        throw new IllegalStateException("the base checkpoint " + base.file() + " has SHA-256 "
                                + base.sha256() + ", but the comparison was planned with " + s.checkpoint().sha256()
                                + "; restore the original file or start a new comparison");
                    }
                }
                vit.resizeHead(classes);
                PeftModel model = PeftModel.attach(vit, instance.method(), s.referenceCompat());
                draft.parameters = new TrialRecord.ParameterCounts(vit.insertedParameters(), vit.trainableParameters(),
                        vit.backboneParameters());
                TrialListener listener = new TrialListener(
                        new ProgressBar(trial.kind().label() + " " + s.describe(), s.recipe().epochs()), claim,
                        s.recipe().dropLastSteps(trainSource.size()));
                TrainingResult result = new Trainer(s.recipe(), listener)
                        .fit(model, trainSource, evalSource, store.checkpointDir(draft.id));
                draft.finish(result, listener.resumedEpochs());
                if (result.status() == TrainingResult.Status.OK && trial instanceof FinalTrial f) {
                    draft.predictions = store.writePredictions(draft.id, result.finalEval(), trial.evalSplit());
                    if (f.seedIndex() == 0) {
                        AdapterFiles.save(store.trialDir(draft.id).resolve(ADAPTER), model, instance,
                                s.checkpoint() == null ? RANDOM_BASE : s.checkpoint().sha256());
                    }
                }
            }
        }
    }

    private CachedBatchSource source(DataSplit split, ImageTransform transform, TrialSettings s) {
        return new CachedBatchSource(ImageCache.load(split, transform, cacheOptions), s.task().numClasses(),
                s.normalization(), Augmentation.NONE);
    }

    private static TrialRecord.SplitInfo splitInfo(DataSplit split) {
        return new TrialRecord.SplitInfo(split.name(), split.contentHash().isEmpty() ? null : split.contentHash(),
                split.size());
    }

    /** "Type: message", with the innermost cause when it differs. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? text : text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** The parts of a record, collected while the trial runs. */
    private static final class Draft {
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
        double trainSeconds;
        int resumedEpochs;

        Draft(Trial trial, int attempt) {
            this.trial = trial;
            this.id = trial.id();
            this.attempt = attempt;
        }

        void finish(TrainingResult result, int resumed) {
            history = result.history().stream()
                    .map(e -> new TrialRecord.EpochSummary(e.epoch(), e.lr(), e.meanLoss())).toList();
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
            String version = TrialRunner.class.getPackage().getImplementationVersion();
            return new TrialRecord(TrialRecord.FORMAT, id, TrialIds.configHash(trial.kind(), s), trial.kind(),
                    s.protocol(), status, message, s, trial.trainSplit(), trial.evalSplit(), method, SpiVersion.CURRENT,
                    checkpointSha256, List.copyOf(data), metrics, parameters, history, predictions,
                    new TrialRecord.Timing(trainSeconds, (System.nanoTime() - startNanos) / 1e9, resumedEpochs),
                    new TrialRecord.Memory(PeakMemory.peakRssMib(), peakReset ? "trial" : "process"),
                    new TrialRecord.Execution(me.host(), me.pid(), device.toString(), attempt, started.toString(),
                            Instant.now().toString(), version == null ? "development build" : version,
                            Runtime.version().toString()));
        }
    }
}
