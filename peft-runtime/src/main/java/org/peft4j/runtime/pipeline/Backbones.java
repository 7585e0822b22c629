package org.peft4j.runtime.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.CheckpointReader;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.io.VitArchitecture;
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
     * The preset whose architecture a checkpoint's tensors have (see {@link VitArchitecture#presetOf}).
     *
     * @param checkpoint a read checkpoint
     * @return the preset's name
     * @throws org.peft4j.runtime.io.CheckpointException with one sentence when no preset fits or the
     *     tensors leave the choice open
     */
    public static String presetOf(CheckpointFile checkpoint) {
        return VitArchitecture.presetOf(checkpoint.tensors(), null);
    }
}
