package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitFamily;

/**
 * Loads timm-named tensors into a {@link VisionTransformer}, checking names and shapes, and saves
 * a model's base tensors. Every problem is reported at once, before any value is copied.
 */
public final class Checkpoints {

    private static final Logger LOG = LogManager.getLogger(Checkpoints.class);

    private Checkpoints() {}

    /**
     * Reads a checkpoint file (safetensors with timm names, or a Google {@code .npz}) and loads it.
     *
     * @param vit the model to fill
     * @param file the checkpoint
     * @return the file's format, SHA-256 and tensors
     * @throws CheckpointException if the file cannot be read or does not fit the model
     */
    public static CheckpointFile load(VisionTransformer vit, Path file) {
        CheckpointFile checkpoint = CheckpointReader.read(file);
        load(vit, checkpoint.tensors());
        return checkpoint;
    }

    /**
     * Copies every base parameter of the model from the archive. The head is loaded only when the
     * file has one of the model's shape; otherwise the model keeps its fresh head (the class count
     * differs, or the file has no head). A position embedding of another square grid (a checkpoint
     * pretrained at another resolution) is resampled to the model's grid, its prefix tokens kept
     * ({@link PositionEmbeddings}).
     *
     * @param vit the model to fill
     * @param archive tensors with timm names, of any float dtype
     * @throws CheckpointException for a checkpoint of another architecture, or listing missing
     *     and unexpected keys (sorted) and every shape mismatch; the model is then unchanged
     */
    public static void load(VisionTransformer vit, TensorArchive archive) {
        Map<String, RawTensor> tensors = withFreshFcNorm(vit, archive, resampled(vit, archive));
        List<ModelParameter> base = vit.parameters().where(ModelParameter::isBase);
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        List<String> mismatches = new ArrayList<>();
        Map<ModelParameter, RawTensor> assignments = new LinkedHashMap<>();
        for (ModelParameter p : base) {
            unexpected.remove(p.name());
            if (isHead(p.name())) {
                continue;
            }
            RawTensor t = tensors.get(p.name());
            if (t == null) {
                missing.add(p.name());
            } else if (!t.isFloat()) {
                mismatches.add("'" + p.name() + "' has dtype " + t.dtype() + ", weights must be floating point");
            } else if (!t.shape().equals(p.array().getShape())) {
                mismatches.add("'" + p.name() + "': the model expects " + p.array().getShape() + ", the file has "
                        + t.shape());
            } else {
                assignments.put(p, t);
            }
        }
        unexpected.removeIf(k -> isHead(k) || k.startsWith("pre_logits."));
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatches.isEmpty()) {
            throw new CheckpointException(archive.file(), problem(vit, tensors, missing, unexpected, mismatches));
        }
        assignments.putAll(head(vit, archive));
        assignments.forEach(Checkpoints::assign);
    }

    /**
     * MAE's fine-tuning recipe: a checkpoint with timm's final {@code norm} and no {@code fc_norm} (MAE
     * pretraining weights, e.g. {@code timm/vit_base_patch16_224.mae}) loaded into an average-pooling
     * model drops {@code norm} and starts {@code fc_norm} fresh (ones, zeros), as MAE's fine-tuning
     * code does; any other model or file is returned unchanged.
     */
    private static Map<String, RawTensor> withFreshFcNorm(VisionTransformer vit, TensorArchive archive,
            Map<String, RawTensor> tensors) {
        RawTensor weight = tensors.get("norm.weight");
        RawTensor bias = tensors.get("norm.bias");
        if (vit.config().family().pooling() != VitFamily.Pooling.AVERAGE || tensors.containsKey("fc_norm.weight")
                || tensors.containsKey("fc_norm.bias") || weight == null || bias == null
                || weight.shape().dimension() != 1 || !weight.shape().equals(bias.shape())) {
            return tensors;
        }
        int width = Math.toIntExact(weight.shape().get(0));
        LOG.info("{}: has a final norm and no fc_norm (MAE pretraining weights); as MAE's fine-tuning does, norm is "
                + "dropped and fc_norm starts at ones and zeros", archive.file());
        Map<String, RawTensor> converted = new LinkedHashMap<>(tensors);
        converted.remove("norm.weight");
        converted.remove("norm.bias");
        converted.put("fc_norm.weight", filled(width, 1f));
        converted.put("fc_norm.bias", filled(width, 0f));
        return converted;
    }

    private static RawTensor filled(int width, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(width, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < width; i++) {
            bytes.putFloat(value);
        }
        return new RawTensor(DataType.FLOAT32, new Shape(width), bytes.flip());
    }

    /** The archive's tensors, with the position embedding resampled when only its square grid differs. */
    private static Map<String, RawTensor> resampled(VisionTransformer vit, TensorArchive archive) {
        RawTensor pos = archive.tensors().get("pos_embed");
        Shape want = vit.parameters().get("pos_embed").array().getShape();
        if (pos == null || !pos.isFloat() || pos.shape().equals(want) || pos.shape().dimension() != 3
                || pos.shape().get(0) != 1 || pos.shape().get(2) != want.get(2)) {
            return archive.tensors();
        }
        int rows = vit.config().imageSize() / vit.config().patchSize();
        long prefix = want.get(1) - (long) rows * rows;
        long old = pos.shape().get(1) - prefix;
        int side = (int) Math.round(Math.sqrt(Math.max(old, 0)));
        if (prefix < 0 || old < 1 || (long) side * side != old) {
            return archive.tensors();
        }
        LOG.info("{}: position embedding resampled from a {}x{} to a {}x{} grid ({} px, patch {}), as timm's "
                + "resample_abs_pos_embed", archive.file(), side, side, rows, rows, vit.config().imageSize(),
                vit.config().patchSize());
        Map<String, RawTensor> tensors = new LinkedHashMap<>(archive.tensors());
        tensors.put("pos_embed", PositionEmbeddings.resample(pos, (int) prefix, side, side, rows, rows));
        return tensors;
    }

    private static boolean isHead(String name) {
        return name.startsWith("head.");
    }

    private static String problem(VisionTransformer vit, Map<String, RawTensor> tensors, TreeSet<String> missing,
            TreeSet<String> unexpected, List<String> mismatches) {
        Optional<VitArchitecture> found = VitArchitecture.of(tensors);
        VitArchitecture expected = VitArchitecture.of(vit.config());
        if (found.isPresent() && !found.get().equals(expected)) {
            return "this is a checkpoint of another model: it holds a ViT with " + found.get().describe()
                    + ", but " + vit.config().name() + " has " + expected.describe()
                    + "; use the checkpoint that belongs to " + vit.config().name() + " or pick the matching model";
        }
        String text = "does not fit " + vit.config().name() + KeyLists.describe(missing, unexpected)
                + (mismatches.isEmpty() ? "" : "; shape mismatches " + KeyLists.list(mismatches));
        return text + (found.isEmpty() ? "; is this a ViT checkpoint with timm names?" : "");
    }

    private static Map<ModelParameter, RawTensor> head(VisionTransformer vit, TensorArchive archive) {
        ModelParameter weight = vit.parameters().get("head.weight");
        ModelParameter bias = vit.parameters().get("head.bias");
        RawTensor w = archive.tensors().get("head.weight");
        RawTensor b = archive.tensors().get("head.bias");
        if (w == null || b == null) {
            return Map.of();
        }
        if (!w.isFloat() || !b.isFloat() || !w.shape().equals(weight.array().getShape())
                || !b.shape().equals(bias.array().getShape())) {
            LOG.info("{}: head not loaded, the file's head {} does not fit the model's {} ({} classes); "
                    + "the model keeps its fresh head", archive.file(), w.shape(), weight.array().getShape(),
                    vit.config().numClasses());
            return Map.of();
        }
        return Map.of(weight, w, bias, b);
    }

    /** Copies values into memory the parameter owns (never aliasing a memory-mapped file). */
    private static void assign(ModelParameter p, RawTensor t) {
        t.copyInto(p.array());
    }

    /**
     * Saves the model's base parameters (backbone and head, timm names, float32) atomically.
     *
     * @param vit the model
     * @param file destination safetensors file
     * @param metadata string metadata to store with the tensors
     */
    public static void save(VisionTransformer vit, Path file, Map<String, String> metadata) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (ModelParameter p : vit.parameters().where(ModelParameter::isBase)) {
            tensors.put(p.name(), p.array());
        }
        SafetensorsFile.write(file, tensors, metadata);
    }
}
