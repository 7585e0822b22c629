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
        verify(base.file(), base.sha256());
        return base;
    }

    /**
     * Checks that a loaded base file is still the one the comparison was planned with.
     *
     * @param file the file that was loaded
     * @param loadedSha256 its SHA-256
     * @throws IllegalStateException naming both hashes when they differ
     */
    public void verify(Path file, String loadedSha256) {
        if (!loadedSha256.equals(sha256)) {
            throw new IllegalStateException("the base checkpoint " + file + " has SHA-256 " + loadedSha256
                    + ", but the comparison was planned with " + sha256
                    + "; restore the original file or start a new comparison");
        }
    }
}
