package org.peft4j.runtime.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.peft4j.runtime.adapters.AdapterMetadata;
import org.peft4j.runtime.data.Preprocessing;
import org.peft4j.runtime.io.CheckpointConfig;
import org.peft4j.runtime.io.CheckpointException;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.RawTensor;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/** Builds backbones: random (seeded with timm's initialisation) or with the weights of a checkpoint. */
public final class Backbones {

    private Backbones() {}

    /**
     * A backbone and the checkpoint its weights came from.
     *
     * @param vit the model
     * @param checkpoint the checkpoint file, or null for random weights
     * @param sha256 the checkpoint's SHA-256, or null for random weights
     */
    public record Base(VisionTransformer vit, Path checkpoint, String sha256) implements AutoCloseable {

        /** Frees the model's tensors. */
        @Override
        public void close() {
            vit.close();
        }
    }

    /**
     * Builds a backbone with timm's initialisation from a seed.
     *
     * @param config the architecture
     * @param device where the parameters live
     * @param seed seed of the random initialisation
     * @return the backbone
     */
    public static Base random(VitConfig config, Device device, long seed) {
        return create(config, (CheckpointFile) null, device, seed);
    }

    /**
     * Builds a backbone with timm's initialisation from a seed, then loads a checkpoint if given.
     *
     * @param config the architecture
     * @param checkpoint pretrained weights, or null
     * @param device where the parameters live
     * @param seed seed of the random initialisation
     * @return the backbone
     * @throws org.peft4j.runtime.io.CheckpointException if the checkpoint cannot be read or does not fit
     */
    public static Base create(VitConfig config, Path checkpoint, Device device, long seed) {
        return create(config, checkpoint == null ? null : CheckpointReader.read(checkpoint), device, seed);
    }

    /**
     * Builds a backbone and loads a checkpoint that has already been read.
     *
     * @param config the architecture
     * @param checkpoint the read checkpoint, or null for random weights
     * @param device where the parameters live
     * @param seed seed of the random initialisation
     * @return the backbone
     */
    public static Base create(VitConfig config, CheckpointFile checkpoint, Device device, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        VisionTransformer vit = VisionTransformer.create(config, device);
        if (checkpoint == null) {
            return new Base(vit, null, null);
        }
        try {
            Checkpoints.load(vit, checkpoint.tensors());
        } catch (RuntimeException e) {
            vit.close();
            throw e;
        }
        return new Base(vit, checkpoint.file(), checkpoint.sha256());
    }

    /**
     * The preprocessing that travels with a checkpoint: the one a merged export records, else the
     * one its {@code config.json} states (timm's {@code pretrained_cfg}), else the preset's.
     *
     * @param checkpoint a read checkpoint
     * @param model the model it is loaded into
     * @return the preprocessing
     * @throws CheckpointException if a recorded or stated preprocessing cannot be used
     */
    public static Preprocessing preprocessing(CheckpointFile checkpoint, VitConfig model) {
        Map<String, String> metadata = checkpoint.tensors().metadata();
        if (metadata.containsKey(AdapterMetadata.KEY_PREPROCESSING)) {
            return AdapterMetadata.preprocessing(checkpoint.file(), metadata, model);
        }
        if (checkpoint.config().isPresent()) {
            CheckpointConfig config = checkpoint.config().get();
            try {
                Optional<Preprocessing> stated = Preprocessing.fromPretrainedCfg(config.json(), model.imageSize());
                if (stated.isPresent()) {
                    return stated.get();
                }
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(config.file(), e.getMessage(), e);
            }
        }
        return Preprocessing.ofPreset(model.name(), model.imageSize());
    }

    /**
     * The preset whose architecture a checkpoint's tensors have.
     *
     * @param checkpoint a read checkpoint
     * @return the preset's name, or empty if no preset matches
     */
    public static Optional<String> presetOf(CheckpointFile checkpoint) {
        Map<String, RawTensor> tensors = checkpoint.tensors().tensors();
        for (String name : VitConfig.PRESETS) {
            VitConfig c = VitConfig.preset(name, 1);
            if (hasShape(tensors, "patch_embed.proj.weight", new Shape(c.dim(), 3, c.patchSize(), c.patchSize()))
                    && hasShape(tensors, "pos_embed", new Shape(1, c.shape().numPatches() + 1L, c.dim()))
                    && tensors.containsKey("blocks." + (c.depth() - 1) + ".norm1.weight")
                    && !tensors.containsKey("blocks." + c.depth() + ".norm1.weight")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean hasShape(Map<String, RawTensor> tensors, String name, Shape shape) {
        RawTensor t = tensors.get(name);
        return t != null && t.shape().equals(shape);
    }
}
