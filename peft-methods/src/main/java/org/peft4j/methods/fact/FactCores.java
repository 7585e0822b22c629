package org.peft4j.methods.fact;

import ai.djl.ndarray.NDArray;

/**
 * The per-block cores of a FacT variant, computed from its tensors on each call so that gradients
 * flow to them. Every core acts on U-projected (d-wide) features from the left, as {@code core·u}.
 */
public interface FactCores {

    /**
     * The attention cores of block i, stacked as q, k, v, o.
     *
     * @param block block index
     * @return (4, d, d)
     */
    NDArray attention(int block);

    /**
     * The fc1 core of block i: row chunk c (d rows) feeds output chunk c (D features).
     *
     * @param block block index
     * @return (k·d, d)
     */
    NDArray fc1(int block);

    /**
     * The fc2 core of block i: column chunk c (d columns) reads the U-projection of input chunk c.
     *
     * @param block block index
     * @return (d, k·d)
     */
    NDArray fc2(int block);
}
