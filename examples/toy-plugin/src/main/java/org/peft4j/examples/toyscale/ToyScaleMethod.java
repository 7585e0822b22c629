package org.peft4j.examples.toyscale;

import ai.djl.ndarray.types.Shape;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;

/**
 * Multiplies the final norm's output, channel by channel, by a learnable scale s (dim values).
 * Since the norm is affine, the scale folds into it: γ ← s ⊙ γ, β ← s ⊙ β.
 */
final class ToyScaleMethod implements PeftMethod, Mergeable, ClosedFormCount {

    private static final String SCALE = "toy_scale.weight";

    private final float init;

    ToyScaleMethod(float init) {
        this.init = init;
    }

    @Override
    public void attach(PeftHost host) {
        ParameterHandle scale = host.parameter(SCALE, new Shape(host.shape().dim()), (m, s) -> m.full(s, init));
        host.insert(Site.FINAL_NORM, (x, context) -> x.mul(scale.array()));
    }

    @Override
    public void merge(MergeTarget target) {
        for (String name : new String[] {"norm.weight", "norm.bias"}) {
            target.set(name, target.get(name).mul(target.get(SCALE)));
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape) {
        return shape.dim();
    }
}
