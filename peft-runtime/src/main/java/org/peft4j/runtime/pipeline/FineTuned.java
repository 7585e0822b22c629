package org.peft4j.runtime.pipeline;

import java.nio.file.Path;
import org.peft4j.runtime.adapters.AdapterFiles;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.plugins.MethodInstance;
import org.peft4j.runtime.train.TrainingResult;
import org.peft4j.runtime.vit.PeftModel;

/**
 * What a {@link FineTuning} produced: the trained model, the method, the data and the training
 * result. Closing it frees the model's tensors and the data.
 *
 * @param backbone the backbone and where its weights came from (as given: a random backbone has
 *     no checkpoint even when its weights were saved)
 * @param baseFile the file of the base weights the adapter belongs to: the checkpoint, or the saved
 *     random initialisation; null when a random initialisation was not saved
 * @param baseSha256 the SHA-256 of {@code baseFile}, or {@link #RANDOM_BASE}
 * @param method the trained method
 * @param model the trained model
 * @param data the data it was trained and evaluated on
 * @param training the training result: status, per-epoch history, final evaluation
 * @param preprocessing how the images were prepared (the preset's values, the model's input size,
 *     the normalisation of {@link FineTuning.Builder#task}; none for data given ready-made)
 */
public record FineTuned(Backbones.Base backbone, Path baseFile, String baseSha256, MethodInstance method,
        PeftModel model, TrainingData data, TrainingResult training, Preprocessing preprocessing)
        implements AutoCloseable {

    /** The base hash recorded in an adapter trained on a random backbone whose weights were not saved. */
    public static final String RANDOM_BASE = "random-init";

    /** @return whether training ended normally (not diverged) */
    public boolean ok() {
        return training.status() == TrainingResult.Status.OK;
    }

    /**
     * Saves the trained tensors as an adapter file, with the method's name, version and
     * hyperparameters, the hash of the base weights and the preprocessing.
     *
     * @param file destination
     * @return the file
     */
    public Path saveAdapter(Path file) {
        AdapterFiles.save(file, model, method, baseSha256, preprocessing);
        return file;
    }

    @Override
    public void close() {
        try {
            backbone.close();
        } finally {
            data.close();
        }
    }
}
