package org.peft4j.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.vit.ModelParameter;

/**
 * PyTorch's AdamW (decoupled weight decay on every trainable tensor, one parameter group) using
 * libtorch's fused per-tensor update. The update also zeroes each gradient.
 */
public final class AdamW {

    private final List<ModelParameter> parameters;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final float beta1;
    private final float beta2;
    private final float eps;
    private int steps;

    /**
     * Creates the optimizer with zero moments.
     *
     * @param parameters trainable parameters, in a fixed order
     * @param beta1 first-moment decay (0.9)
     * @param beta2 second-moment decay (0.999)
     * @param eps denominator epsilon (1e-8)
     */
    public AdamW(List<ModelParameter> parameters, float beta1, float beta2, float eps) {
        this.parameters = List.copyOf(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        for (ModelParameter p : this.parameters) {
            means.add(p.array().zerosLike());
            variances.add(p.array().zerosLike());
        }
    }

    /**
     * The study's settings: betas (0.9, 0.999), eps 1e-8.
     *
     * @param parameters trainable parameters
     * @return the optimizer
     */
    public static AdamW standard(List<ModelParameter> parameters) {
        return new AdamW(parameters, 0.9f, 0.999f, 1e-8f);
    }

    /**
     * Applies one update with the gradients accumulated since the last step, then zeroes them.
     *
     * @param lr learning rate
     * @param weightDecay decoupled weight decay
     */
    public void step(float lr, float weightDecay) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        // libtorch's kernel computes w -= m·lr' / (√v + eps'); with lr' = lr·√bc2/bc1 and
        // eps' = eps·√bc2 this equals PyTorch's w -= lr/bc1 · m / (√v/√bc2 + eps).
        float lrCorrected = (float) (lr * Math.sqrt(bc2) / bc1);
        float epsCorrected = (float) (eps * Math.sqrt(bc2));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).array();
            try (NDArray grad = weight.getGradient()) {
                weight.getNDArrayInternal().adamUpdate(
                        new NDList(weight, grad, means.get(i), variances.get(i)),
                        new NDList(weight),
                        lr, lrCorrected, weightDecay, 1f, -1f, beta1, beta2, epsCorrected, false, true);
            }
        }
    }

    /**
     * Sets every gradient to zero without an update (a skipped batch). It writes zeros rather than
     * subtracting, so NaN and infinite gradients are cleared too.
     */
    public void discardGradients() {
        for (ModelParameter p : parameters) {
            try (NDArray grad = p.array().getGradient()) {
                grad.set(new NDIndex("..."), 0f);
            }
        }
    }

    /**
     * Number of updates applied so far.
     *
     * @return the step count
     */
    public int steps() {
        return steps;
    }

    /**
     * The parameters updated, in order.
     *
     * @return the list
     */
    public List<ModelParameter> parameters() {
        return parameters;
    }

    /**
     * First moments, aligned with {@link #parameters()} (for checkpoints).
     *
     * @return the list
     */
    public List<NDArray> means() {
        return means;
    }

    /**
     * Second moments, aligned with {@link #parameters()} (for checkpoints).
     *
     * @return the list
     */
    public List<NDArray> variances() {
        return variances;
    }

    /**
     * Restores the step count after loading moments from a checkpoint.
     *
     * @param steps updates applied before the checkpoint
     */
    public void restoreSteps(int steps) {
        this.steps = steps;
    }
}
