package org.peft4j.runtime.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors and string metadata of one file.
 *
 * @param file where they were read from
 * @param tensors tensors by name, in file order
 * @param metadata string metadata (may be empty)
 */
public record TensorArchive(Path file, Map<String, RawTensor> tensors, Map<String, String> metadata) {

    /** Makes unmodifiable copies. */
    public TensorArchive {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * A tensor by name.
     *
     * @param name the key
     * @return the tensor
     * @throws CheckpointException if absent
     */
    public RawTensor get(String name) {
        RawTensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(file, "has no tensor '" + name + "'");
        }
        return t;
    }
}
