package org.peft4j.runtime.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint read from disk, with what identifies it.
 *
 * @param file where it was read from
 * @param format its format
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 * @param tensors its tensors with timm names
 * @param config the {@code config.json} read with it, if any
 */
public record CheckpointFile(Path file, CheckpointFormat format, String sha256, TensorArchive tensors,
        Optional<CheckpointConfig> config) {}
