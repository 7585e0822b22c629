package org.peft4j.eval.protocol;

import java.nio.file.Path;
import java.util.Objects;
import org.peft4j.runtime.io.CheckpointFile;
import org.peft4j.runtime.io.Checkpoints;
import org.peft4j.runtime.vit.VisionTransformer;

/**
 * The pretrained weights every trial of a comparison starts from.
 *
 * @param path the checkpoint file (.safetensors with timm names or Google .npz), absolute
 * @param sha256 SHA-256 of the file when the comparison was planned; a trial refuses a file that
 *     changed since
 */
public record BaseCheckpoint(String path, String sha256) {

    /** Checks the values. */
    public BaseCheckpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /**
     * Loads the checkpoint into a backbone after checking that the file is still the one the
     * comparison was planned with.
     *
     * @param vit the backbone
     * @return the loaded file, whose SHA-256 equals {@link #sha256()}
     * @throws IllegalStateException if the file changed since the comparison was planned
     */
    public CheckpointFile loadVerified(VisionTransformer vit) {
        CheckpointFile base = Checkpoints.load(vit, Path.of(path));
        if (!base.sha256().equals(sha256)) {
            throw new IllegalStateException("the base checkpoint " + base.file() + " has SHA-256 " + base.sha256()
                    + ", but the comparison was planned with " + sha256
                    + "; restore the original file or start a new comparison");
        }
        return base;
    }
}
