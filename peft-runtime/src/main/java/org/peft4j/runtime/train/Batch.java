package org.peft4j.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One batch of a split. Closing it frees its tensors.
 *
 * @param images (B, 3, S, S) float32
 * @param labels (B) int64
 * @param indices position of each example in the split
 * @param manager the manager owning the tensors
 */
public record Batch(NDArray images, NDArray labels, int[] indices, NDManager manager) implements AutoCloseable {

    /**
     * Number of examples.
     *
     * @return B
     */
    public int size() {
        return indices.length;
    }

    @Override
    public void close() {
        manager.close();
    }
}
