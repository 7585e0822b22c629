package org.peft4j.eval.analysis;

import java.util.List;
import java.util.stream.IntStream;

/** WiSE-FT weight-space interpolation θ(α) = (1 − α)·θ_pretrained + α·θ_finetuned, element-wise. */
public final class WeightInterpolation {

    /** The mixing coefficients of the study: 0, 0.1, ..., 1. */
    public static final List<Double> DEFAULT_ALPHAS =
            IntStream.rangeClosed(0, 10).mapToObj(i -> i / 10.0).toList();

    private WeightInterpolation() {}

    /**
     * Interpolates two tensors given as flat values.
     *
     * @param pretrained θ_pretrained
     * @param finetuned θ_finetuned, same length
     * @param alpha α; 0 gives the pretrained values, 1 the fine-tuned ones
     * @return a new array with θ(α)
     */
    public static float[] interpolate(float[] pretrained, float[] finetuned, double alpha) {
        if (pretrained.length != finetuned.length) {
            throw new IllegalArgumentException("cannot interpolate tensors of " + pretrained.length + " and "
                    + finetuned.length + " values");
        }
        float[] out = new float[pretrained.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((1 - alpha) * pretrained[i] + alpha * finetuned[i]);
        }
        return out;
    }
}
