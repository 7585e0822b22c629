package org.peft4j.runtime.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointException;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.plugins.MethodRegistry;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Files of trained PEFT models. An adapter file is a small safetensors file holding only the
 * trainable tensors (the head and the base parameters the method selected included) and
 * {@link AdapterMetadata}; it is loaded onto the base checkpoint it was trained on. A merged export
 * is a plain timm-named checkpoint with a {@link org.peft4j.api.Mergeable} method folded in.
 */
public final class AdapterFiles {

    private static final Logger LOG = LogManager.getLogger(AdapterFiles.class);

    private AdapterFiles() {}

    /**
     * Writes the trainable tensors of a model and its metadata, atomically.
     *
     * @param file destination, conventionally {@code *.safetensors}
     * @param model the trained model
     * @param method the instance the model was attached with
     * @param baseSha256 SHA-256 of the base checkpoint file (see {@link org.peft4j.runtime.io.Sha256})
     * @param preprocessing how the training images were prepared
     * @throws IllegalArgumentException if {@code method} is not the model's method
     */
    public static void save(Path file, PeftModel model, MethodInstance method, String baseSha256,
            Preprocessing preprocessing) {
        if (model.method() != method.method()) {
            throw new IllegalArgumentException("the instance of method '" + method.name()
                    + "' is not the one attached to the model; pass the instance the model was attached with");
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (ModelParameter p : model.vit().parameters().where(ModelParameter::isTrainable)) {
            tensors.put(p.name(), p.array());
        }
        SafetensorsFile.write(file, tensors, AdapterMetadata.of(method, model, baseSha256, preprocessing).toStrings());
    }

    /**
     * Reads only the metadata of an adapter file.
     *
     * @param file the adapter file
     * @return its metadata
     * @throws CheckpointException if the file is not an adapter file
     */
    public static AdapterMetadata readMetadata(Path file) {
        return AdapterMetadata.parse(file, SafetensorsFile.read(file).metadata());
    }

    /**
     * Re-creates an adapter's method through the registry, attaches it to a base model and copies
     * the saved tensors in. If the adapter was trained for another number of classes, the base's
     * head is re-created with that number first.
     *
     * @param file the adapter file
     * @param base a backbone with the base weights loaded and no method attached
     * @param baseSha256 SHA-256 of the checkpoint file the base weights came from
     * @param registry where to find the method
     * @param ignoreBaseMismatch load even if the base checkpoint differs from the one the adapter
     *     was trained on
     * @return the model, the method and the metadata
     * @throws CheckpointException if the base checkpoint or architecture differs, the method cannot
     *     be re-created, or tensors are missing, unexpected or of the wrong shape; the base is then
     *     left without the method
     */
    public static LoadedAdapter load(
            Path file, VisionTransformer base, String baseSha256, MethodRegistry registry, boolean ignoreBaseMismatch) {
        TensorArchive archive = SafetensorsFile.read(file);
        AdapterMetadata metadata = AdapterMetadata.parse(file, archive.metadata());
        checkBase(file, metadata, base, baseSha256, ignoreBaseMismatch);
        MethodInstance method = recreate(file, metadata, registry);
        if (base.config().numClasses() != metadata.model().numClasses()) {
            requireHead(file, archive, metadata.model());
            base.resizeHead(metadata.model().numClasses());
        }
        PeftModel model = PeftModel.attach(base, method.method(), metadata.referenceCompat());
        try {
            copyTensors(file, archive, model, method.name());
        } catch (RuntimeException e) {
            model.detach();
            throw e;
        }
        return new LoadedAdapter(model, method, metadata);
    }

    /**
     * Folds a {@link org.peft4j.api.Mergeable} method into the base weights and writes the result
     * as a plain checkpoint with timm names only, which {@link Checkpoints#load} reads. The model is
     * merged in place: afterwards it is a plain backbone.
     *
     * @param model a model whose method is mergeable
     * @param file destination
     * @param preprocessing how the model's inputs are prepared, recorded under
     *     {@value AdapterMetadata#KEY_PREPROCESSING}
     * @throws IllegalStateException if the method is not mergeable
     */
    public static void exportMerged(PeftModel model, Path file, Preprocessing preprocessing) {
        if (!model.isMergeable()) {
            throw new IllegalStateException("method " + model.method().getClass().getSimpleName()
                    + " is not mergeable; save it as an adapter file instead");
        }
        Checkpoints.save(model.merge(), file, Map.of("format", "pt", AdapterMetadata.KEY_PREPROCESSING,
                preprocessing.toJson()));
    }

    private static void checkBase(
            Path file, AdapterMetadata metadata, VisionTransformer base, String baseSha256, boolean ignoreMismatch) {
        if (!metadata.baseSha256().equals(baseSha256)) {
            String problem = "was trained on the base checkpoint with SHA-256 " + metadata.baseSha256()
                    + ", but the given base has SHA-256 " + baseSha256;
            if (!ignoreMismatch) {
                throw new CheckpointException(file, problem
                        + "; load the matching base checkpoint (with the peft command, --ignore-base-mismatch uses this base anyway)");
            }
            LOG.warn("{}: {}; loading anyway as forced", file, problem);
        }
        if (!architecture(metadata.model()).equals(architecture(base.config()))) {
            throw new CheckpointException(file, "was trained on a backbone " + architecture(metadata.model())
                    + ", but the given base is " + architecture(base.config()) + "; build the base from preset '"
                    + metadata.model().name() + "'");
        }
    }

    /** Checks the saved head against the metadata's class count before the base's head is resized. */
    private static void requireHead(Path file, TensorArchive archive, VitConfig model) {
        RawTensor head = archive.tensors().get("head.weight");
        Shape expected = new Shape(model.numClasses(), model.dim());
        if (head == null || !head.shape().equals(expected)) {
            throw new CheckpointException(file, "metadata declares " + model.numClasses() + " classes, so tensor "
                    + "'head.weight' should have shape " + expected + ", but it " + (head == null ? "is missing"
                            : "has " + head.shape()) + "; the file is damaged");
        }
    }

    /** The dimensions that must agree, whatever the class count. */
    private static String architecture(VitConfig c) {
        return "(" + c.imageSize() + " px, patch " + c.patchSize() + ", dim " + c.dim() + ", depth " + c.depth()
                + ", " + c.heads() + " heads, MLP ratio " + c.mlpRatio() + ")";
    }

    private static MethodInstance recreate(Path file, AdapterMetadata metadata, MethodRegistry registry) {
        MethodInstance method;
        try {
            method = registry.create(metadata.method(), metadata.hyperparameters());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "cannot re-create its method '" + metadata.method() + "' version "
                    + metadata.methodVersion() + ": " + e.getMessage(), e);
        }
        if (!method.version().equals(metadata.methodVersion())) {
            LOG.warn("{}: saved with method '{}' version {}, loading with version {}",
                    file, method.name(), metadata.methodVersion(), method.version());
        }
        return method;
    }

    /** Checks every name and shape first, so that nothing is copied into a base that does not fit. */
    private static void copyTensors(Path file, TensorArchive archive, PeftModel model, String method) {
        List<ModelParameter> expected = model.vit().parameters().where(ModelParameter::isTrainable);
        List<String> missing = new ArrayList<>();
        TreeSet<String> unexpected = new TreeSet<>(archive.tensors().keySet());
        for (ModelParameter p : expected) {
            if (!unexpected.remove(p.name())) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(file, "does not fit method '" + method + "' on this base: "
                    + (missing.isEmpty() ? "" : "missing tensors " + missing + "; ")
                    + (unexpected.isEmpty() ? "" : "unexpected tensors " + unexpected + "; ")
                    + "was it saved from other hyperparameters or another version of the method?");
        }
        for (ModelParameter p : expected) {
            RawTensor t = archive.get(p.name());
            if (!t.shape().equals(p.array().getShape())) {
                throw new CheckpointException(file, "tensor '" + p.name() + "' has shape " + t.shape()
                        + ", but method '" + method + "' on this base expects " + p.array().getShape());
            }
        }
        for (ModelParameter p : expected) {
            archive.get(p.name()).copyInto(p.array());
        }
    }
}
