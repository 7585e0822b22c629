package org.peft4j.runtime.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peft4j.runtime.io.CheckpointException;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.io.SafetensorsFile;
import org.peft4j.runtime.io.TensorArchive;
import org.peft4j.runtime.vit.ModelParameter;

/**
 * The state of a run at an epoch boundary, written atomically as safetensors: trainable
 * parameters, AdamW moments and step count, completed epochs, history and a fingerprint of the
 * run's settings. Random state needs no saving: each epoch reseeds from (seed, epoch).
 */
final class TrainingCheckpoint {

    private static final String FILE = "last-epoch.safetensors";
    private static final org.apache.logging.log4j.Logger LOG =
            org.apache.logging.log4j.LogManager.getLogger(TrainingCheckpoint.class);
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private TrainingCheckpoint() {}

    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    static void save(Path dir, AdamW adamw, int epochsDone, List<TrainingResult.EpochRecord> history,
            RunFingerprint fingerprint) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (int i = 0; i < adamw.parameters().size(); i++) {
            String name = adamw.parameters().get(i).name();
            tensors.put("param/" + name, adamw.parameters().get(i).array());
            tensors.put("adam_m/" + name, adamw.means().get(i));
            tensors.put("adam_v/" + name, adamw.variances().get(i));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epochs_done", String.valueOf(epochsDone));
        meta.put("optimizer_steps", String.valueOf(adamw.steps()));
        meta.put("fingerprint", fingerprint.digest());
        meta.put("fingerprint_parts", fingerprint.toJson());
        meta.put("history", GSON.toJson(history));
        SafetensorsFile.write(file(dir), tensors, meta);
    }

    /**
     * Restores parameters and optimizer state if a checkpoint of the same run exists. A checkpoint
     * that cannot be read (torn, corrupt) is moved aside ({@code .corrupt}) and the run starts over;
     * one of a different run is refused or moved aside ({@code .mismatched}), as the policy says.
     *
     * @return the restored history (its size is the number of completed epochs), or empty
     * @throws CheckpointException naming what differs, when the policy is to refuse
     */
    static List<TrainingResult.EpochRecord> restore(Path dir, AdamW adamw, RunFingerprint fingerprint,
            ResumeMismatch onMismatch) {
        Path file = file(dir);
        if (!Files.exists(file)) {
            return List.of();
        }
        TensorArchive archive;
        try {
            archive = SafetensorsFile.read(file);
        } catch (CheckpointException | java.io.UncheckedIOException e) {
            Path aside = moveAside(file, ".corrupt");
            LOG.warn("{} cannot be read ({}); moved it to {} and training from the start", file, e.getMessage(), aside);
            return List.of();
        }
        if (!fingerprint.digest().equals(archive.metadata().get("fingerprint"))) {
            RunFingerprint stored = RunFingerprint.fromJson(archive.metadata().getOrDefault("fingerprint_parts", "{}"));
            String differs = stored.parts().isEmpty() ? "its settings (it was written by an older version)"
                    : String.join(", ", fingerprint.differences(stored));
            if (onMismatch == ResumeMismatch.REFUSE) {
                throw new CheckpointException(file, "was written by a run that differs in " + differs
                        + "; use another output folder, or let this run start from the beginning (peft train "
                        + "--restart-on-mismatch; the old checkpoint is moved aside)");
            }
            Path aside = moveAside(file, ".mismatched");
            LOG.warn("{} was written by a run that differs in {}; moved it to {} and training from the start", file,
                    differs, aside);
            return List.of();
        }
        for (int i = 0; i < adamw.parameters().size(); i++) {
            ModelParameter p = adamw.parameters().get(i);
            copy(archive, "param/" + p.name(), p.array());
            copy(archive, "adam_m/" + p.name(), adamw.means().get(i));
            copy(archive, "adam_v/" + p.name(), adamw.variances().get(i));
        }
        adamw.restoreSteps(Integer.parseInt(archive.metadata().get("optimizer_steps")));
        return new ArrayList<>(GSON.fromJson(archive.metadata().get("history"),
                new TypeToken<List<TrainingResult.EpochRecord>>() {}.getType()));
    }

    private static Path moveAside(Path file, String suffix) {
        Path aside = file.resolveSibling(file.getFileName() + suffix);
        try {
            return Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new CheckpointException(file, "cannot be moved aside to " + aside + " (" + e.getMessage()
                    + "); delete it to start the run from the beginning", e);
        }
    }

    private static void copy(TensorArchive archive, String key, NDArray target) {
        RawTensor value = archive.get(key);
        if (!value.shape().equals(target.getShape())) {
            throw new CheckpointException(archive.file(), "tensor '" + key + "' has shape " + value.shape()
                    + ", the model expects " + target.getShape());
        }
        value.copyInto(target);
    }
}
