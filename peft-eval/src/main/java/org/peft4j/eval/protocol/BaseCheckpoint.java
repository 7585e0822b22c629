package org.peft4j.eval.protocol;

import java.util.Objects;

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
}
