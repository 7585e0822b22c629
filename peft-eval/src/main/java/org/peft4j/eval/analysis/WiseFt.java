package org.peft4j.eval.analysis;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.Trial;
import org.peft4j.eval.protocol.TrialSettings;
import org.peft4j.eval.protocol.results.CellStatus;
import org.peft4j.eval.protocol.results.ComparisonResults;
import org.peft4j.eval.protocol.results.ResultCell;
import org.peft4j.eval.protocol.run.TrialRunner;
import org.peft4j.eval.protocol.store.ResultStore;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.train.Evaluator;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * WiSE-FT robustness of one (method, task) of a comparison: the first final seed's trained tensors
 * ({@value TrialRunner#ADAPTER}) are loaded onto the pretrained backbone, the method is merged
 * into the base weights ({@link PeftModel#merge()}; full fine-tuning, LayerNorm tuning and BitFit
 * merge trivially), and every backbone tensor is interpolated, θ(α) = (1 − α)·θ_pretrained +
 * α·θ_merged. The head is not interpolated: the pretrained model has no head for the task, so the
 * fine-tuned head is kept at every α. Each θ(α) is scored on the in-distribution test split and on
 * a distribution-shifted split of the same task folder.
 */
public final class WiseFt {

    /** The in-distribution split. */
    public static final String IN_SPLIT = FinalTrial.TEST_SPLIT;

    private final MethodRegistry registry;
    private final Device device;
    private final ImageCache.Options cacheOptions;

    /**
     * Creates the analysis.
     *
     * @param registry where to find the methods of the adapters
     * @param device where to evaluate
     * @param cacheOptions the image cache settings
     */
    public WiseFt(MethodRegistry registry, Device device, ImageCache.Options cacheOptions) {
        this.registry = registry;
        this.device = device;
        this.cacheOptions = cacheOptions;
    }

    /**
     * Computes the curve.
     *
     * @param store the result store
     * @param task the task
     * @param method the method
     * @param shiftedSplit the list file (without {@code .txt}) of the shifted test set in the task folder
     * @param alphas the mixing coefficients, each in [0, 1]
     * @return the curve
     * @throws IllegalArgumentException if the cell did not end ok, the method is not mergeable, the
     *     adapter file or the shifted split is missing
     */
    public WiseCurve run(ResultStore store, String task, String method, String shiftedSplit, List<Double> alphas) {
        alphas.forEach(a -> {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("α must be in [0, 1], got " + a);
            }
        });
        String trialId = finalTrial(store, task, method);
        Trial trial = store.readTrial(trialId);
        TrialSettings s = trial.settings();
        Path adapter = store.trialDir(trialId).resolve(TrialRunner.ADAPTER);
        if (!Files.isRegularFile(adapter)) {
            throw new IllegalArgumentException("trial " + trialId + " (" + method + " on " + task + ") has no "
                    + adapter.getFileName() + "; it ran before final trials kept their weights: delete its folder "
                    + store.trialDir(trialId) + " and run 'peft compare --store " + store.root() + "' again");
        }
        Path taskDir = Path.of(s.dataRoot()).resolve(task);
        int classes = s.task().numClasses();
        DataSplit in = ListSplit.read(taskDir, IN_SPLIT, classes);
        DataSplit shifted = ListSplit.read(taskDir, shiftedSplit, classes);
        ImageTransform transform = ImageTransform.stretch(s.model().imageSize());
        try (CachedBatchSource inSource = source(in, transform, s);
                CachedBatchSource shiftedSource = source(shifted, transform, s)) {
            Engine.getInstance().setRandomSeed((int) s.recipe().seed());
            try (VisionTransformer vit = VisionTransformer.create(s.model(), device)) {
                String baseSha256 = s.checkpoint() == null ? TrialRunner.RANDOM_BASE
                        : s.checkpoint().loadVerified(vit).sha256();
                Map<String, float[]> pretrained = backbone(vit);
                PeftModel model = AdapterFiles.load(adapter, vit, baseSha256, registry, false).model();
                if (!model.isMergeable()) {
                    model.detach();
                    throw new IllegalArgumentException("method '" + method + "' is not mergeable, so its weights "
                            + "cannot be interpolated with the backbone's; WiSE-FT needs a Mergeable method");
                }
                model.merge();
                Map<String, float[]> finetuned = backbone(vit);
                List<Double> inAcc = new ArrayList<>();
                List<Double> shiftedAcc = new ArrayList<>();
                int batch = s.recipe().batchSize();
                for (double alpha : alphas) {
                    for (Map.Entry<String, float[]> e : pretrained.entrySet()) {
                        ModelParameter p = vit.parameters().get(e.getKey());
                        float[] mixed = WeightInterpolation.interpolate(e.getValue(), finetuned.get(e.getKey()), alpha);
                        ByteBuffer bytes = ByteBuffer.allocate(mixed.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                        bytes.asFloatBuffer().put(mixed);
                        new RawTensor(DataType.FLOAT32, p.array().getShape(), bytes).copyInto(p.array());
                    }
                    inAcc.add(Evaluator.evaluate(vit, inSource, batch).accuracy());
                    shiftedAcc.add(Evaluator.evaluate(vit, shiftedSource, batch).accuracy());
                }
                return new WiseCurve(task, method, trialId, IN_SPLIT, shiftedSplit, alphas, inAcc, shiftedAcc);
            }
        }
    }

    /** The first final trial of an ok cell. */
    private static String finalTrial(ResultStore store, String task, String method) {
        ComparisonResults results = ComparisonResults.read(store);
        ResultCell cell = results.cell(method, task).orElseThrow(() -> new IllegalArgumentException("the comparison "
                + "in " + store.root() + " has no method '" + method + "' on task '" + task + "'; it has methods "
                + results.methods() + " and tasks " + results.tasks()));
        if (cell.status() != CellStatus.OK || cell.finalTrials().isEmpty()) {
            throw new IllegalArgumentException(method + " on " + task + " is " + cell.status().label()
                    + ", so there are no fine-tuned weights to interpolate");
        }
        return cell.finalTrials().get(0);
    }

    /** The values of every base tensor outside the head, by name. */
    private static Map<String, float[]> backbone(VisionTransformer vit) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ModelParameter p : vit.parameters().where(p -> p.isBase() && !p.name().startsWith("head."))) {
            out.put(p.name(), p.array().toFloatArray());
        }
        return out;
    }

    private CachedBatchSource source(DataSplit split, ImageTransform transform, TrialSettings s) {
        return new CachedBatchSource(ImageCache.load(split, transform, cacheOptions), s.task().numClasses(),
                s.normalization(), Augmentation.NONE);
    }
}
