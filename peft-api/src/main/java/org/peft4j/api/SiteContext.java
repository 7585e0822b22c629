package org.peft4j.api;

import ai.djl.ndarray.NDArray;

/** What a {@link SiteModule} may read or draw during one forward pass at one site. */
public interface SiteContext {

    /**
     * Block index, or -1 for model-level sites.
     *
     * @return the block index
     */
    int block();

    /**
     * The site's natural input, as documented on each {@link Site}.
     *
     * @return a tensor of the current step
     */
    NDArray input();

    /**
     * For branch sites: the normalised input of the branch (LN output); otherwise {@link #input()}.
     *
     * @return a tensor of the current step
     */
    NDArray normed();

    /**
     * For branch sites: the branch output before drop path; otherwise the tensor at the site.
     *
     * @return a tensor of the current step
     */
    NDArray undropped();

    /**
     * Whether the model is training (dropout and drop path active).
     *
     * @return true in training mode
     */
    boolean training();

    /**
     * Element-wise dropout, active only in training.
     *
     * @param x input
     * @param rate drop probability
     * @return x with dropout applied
     */
    NDArray dropout(NDArray x, float rate);

    /**
     * Drop path (stochastic depth) with this block's rate and a fresh per-sample mask; identity
     * outside training or at rate 0.
     *
     * @param x a (B, ...) tensor
     * @return x with drop path applied
     */
    NDArray dropPath(NDArray x);

    /**
     * State shared by all sites during one forward pass, for methods whose sites cooperate.
     *
     * @return the pass's state
     */
    ForwardState state();
}
