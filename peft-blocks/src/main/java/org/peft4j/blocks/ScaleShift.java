package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.SiteContext;
import org.peft4j.api.SiteModule;

/**
 * One SSF site: {@code y = x ⊙ s + t} over the last axis, with learnable vectors s (init
 * N(1, 0.02²)) and t (init N(0, 0.02²)). Raw tensors, so the init is the same under
 * reference-compat. Being affine, it folds into the affine layer that precedes it.
 */
public final class ScaleShift implements SiteModule {

    private static final float INIT_STD = 0.02f;

    private final ParameterHandle scale;
    private final ParameterHandle shift;

    private ScaleShift(ParameterHandle scale, ParameterHandle shift) {
        this.scale = scale;
        this.shift = shift;
    }

    /**
     * Creates the two tensors {@code <owner>ssf_scale<suffix>} and {@code <owner>ssf_shift<suffix>}.
     *
     * @param host the backbone being adapted
     * @param owner name prefix of the owning module including its trailing dot, e.g.
     *     {@code blocks.3.attn.}, or empty for the top level
     * @param suffix name suffix, e.g. {@code _qkv}, or empty
     * @param width feature width at the site
     * @return the site module
     */
    public static ScaleShift create(PeftHost host, String owner, String suffix, int width) {
        Shape shape = new Shape(width);
        return new ScaleShift(
                host.parameter(owner + "ssf_scale" + suffix, shape, Init.normal(1f, INIT_STD)),
                host.parameter(owner + "ssf_shift" + suffix, shape, Init.normal(0f, INIT_STD)));
    }

    /** {@code x ⊙ s + t} over the last axis. */
    @Override
    public NDArray forward(NDArray x, SiteContext context) {
        return x.mul(scale.array()).add(shift.array());
    }

    /**
     * Folds this site into the affine layer whose output it transforms.
     *
     * @param target the model being merged
     * @param layer the layer's name prefix, e.g. {@code blocks.3.attn.qkv}; its {@code .weight}
     *     has output channels on axis 0 and its {@code .bias} is (width)
     */
    public void foldInto(MergeTarget target, String layer) {
        OutputAffineFold.fold(target, layer + ".weight", layer + ".bias",
                target.get(scale.name()), target.get(shift.name()));
    }
}
