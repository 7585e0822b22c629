package org.peft4j.api;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Per-forward-pass state that a method's sites share (for example query tokens collected in each
 * block and read at the head), plus the attention options a method may set for the current block.
 */
public interface ForwardState {

    /**
     * Appends a tensor to a named list kept for the rest of this forward pass.
     *
     * @param key the list's name, prefixed by the method name
     * @param value a tensor of the current step
     */
    void append(String key, NDArray value);

    /**
     * Returns the tensors appended under a key, in order.
     *
     * @param key the list's name
     * @return the list, empty if nothing was appended
     */
    List<NDArray> list(String key);

    /**
     * Excludes the first {@code n} tokens from the keys and values of the current block's
     * attention: they attend to the others but nothing attends to them. Reset after each block.
     *
     * @param n number of leading tokens hidden from keys and values
     */
    void hideLeadingTokensFromKeys(int n);
}
