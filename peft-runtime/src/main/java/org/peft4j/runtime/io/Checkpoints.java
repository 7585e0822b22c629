package org.peft4j.runtime.io;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.peft4j.runtime.vit.ModelParameter;
import org.peft4j.runtime.vit.VisionTransformer;

/** Loads and saves timm-named tensors of a {@link VisionTransformer}, checking names and shapes. */
public final class Checkpoints {

    private Checkpoints() {}

    /**
     * Copies every base parameter of the model from the archive. The head is loaded only when its
     * shape matches; otherwise the model keeps its fresh head (the class count differs).
     *
     * @param vit the model to fill
     * @param archive tensors with timm names
     * @throws CheckpointException listing missing and unexpected keys, or a shape mismatch
     */
    public static void load(VisionTransformer vit, TensorArchive archive) {
        load(vit, archive.file(), archive.tensors());
    }

    /**
     * Writes every base parameter (the head included) under its timm name as a plain safetensors
     * checkpoint that {@link #load} reads back; parameters a method added are left out. The file is
     * written atomically.
     *
     * @param vit the model
     * @param file destination
     */
    public static void save(VisionTransformer vit, Path file) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (ModelParameter p : vit.parameters().where(ModelParameter::isBase)) {
            tensors.put(p.name(), p.array());
        }
        SafetensorsFile.write(file, tensors, Map.of("format", "pt"));
    }

    static void load(VisionTransformer vit, Path file, Map<String, RawTensor> tensors) {
        List<String> missing = new ArrayList<>();
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        for (ModelParameter p : vit.parameters().all()) {
            if (!p.isBase()) {
                continue;
            }
            unexpected.remove(p.name());
            RawTensor t = tensors.get(p.name());
            boolean head = p.name().startsWith("head.");
            if (t == null) {
                if (!head) {
                    missing.add(p.name());
                }
                continue;
            }
            if (!t.shape().equals(p.array().getShape())) {
                if (head) {
                    continue;
                }
                throw new CheckpointException(file, "shape mismatch for '" + p.name() + "': the model expects "
                        + p.array().getShape() + ", the file has " + t.shape());
            }
            if (missing.isEmpty()) {
                NDArray value = t.toNDArray(vit.manager());
                p.array().set(value.toByteBuffer());
                value.close();
            }
        }
        unexpected.removeIf(k -> k.startsWith("head.") || k.startsWith("pre_logits."));
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(file, (missing.isEmpty() ? "" : "missing keys " + missing + "; ")
                    + (unexpected.isEmpty() ? "" : "unexpected keys " + unexpected + "; ")
                    + "is this a checkpoint of " + vit.config().name() + " with timm names?");
        }
    }
}
