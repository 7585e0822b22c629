package org.peft4j.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One batch: float32 images (B, 3, S, S) and int64 labels (B), owned by a manager of their own.
 * The consumer closes the batch when done with it, which frees both arrays.
 */
public final class Batch implements AutoCloseable {

    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private final int[] sampleIndices;

    Batch(NDManager manager, NDArray images, NDArray labels, int[] sampleIndices) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.sampleIndices = sampleIndices;
    }

    /** @return the images, (B, 3, S, S) float32 */
    public NDArray images() {
        return images;
    }

    /** @return the labels, (B) int64 */
    public NDArray labels() {
        return labels;
    }

    /** @return number of images */
    public int size() {
        return sampleIndices.length;
    }

    /** @return for each image, its position in the split's samples (maps predictions back to lines) */
    public int[] sampleIndices() {
        return sampleIndices.clone();
    }

    /** Frees the arrays. */
    @Override
    public void close() {
        manager.close();
    }
}
