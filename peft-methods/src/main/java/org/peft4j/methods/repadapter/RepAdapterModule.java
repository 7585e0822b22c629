package org.peft4j.methods.repadapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.SiteContext;
import org.peft4j.blocks.AdapterSettings;
import org.peft4j.blocks.Dense;
import org.peft4j.api.Scalars;

/**
 * One RepAdapter: {@code conv_A} Conv1d(D → r, k = 1) and {@code conv_B} Conv1d(r → D, k = 1,
 * groups g), both with bias, stored with the reference's Conv1d shapes (r, D, 1) and (D, r/g, 1).
 * Intended init ({@code lora_xavier}, kept under reference-compat since these are convs): A
 * xavier-uniform, B zero, biases zero.
 */
final class RepAdapterModule {

    private final ParameterHandle weightA;
    private final ParameterHandle biasA;
    private final ParameterHandle weightB;
    private final ParameterHandle biasB;
    private final int dim;
    private final int bottleneck;
    private final int groups;
    private final float scale;
    private final float dropout;

    private RepAdapterModule(ParameterHandle weightA, ParameterHandle biasA, ParameterHandle weightB,
            ParameterHandle biasB, int dim, AdapterSettings settings, int groups) {
        this.weightA = weightA;
        this.biasA = biasA;
        this.weightB = weightB;
        this.biasB = biasB;
        this.dim = dim;
        this.bottleneck = settings.bottleneck();
        this.groups = groups;
        this.scale = settings.scale();
        this.dropout = settings.dropout();
    }

    static RepAdapterModule create(PeftHost host, String prefix, int dim, AdapterSettings settings, int groups) {
        int r = settings.bottleneck();
        return new RepAdapterModule(
                host.parameter(prefix + "conv_A.weight", new Shape(r, dim, 1), Init.xavierUniform()),
                host.parameter(prefix + "conv_A.bias", new Shape(r), Init.zeros()),
                host.parameter(prefix + "conv_B.weight", new Shape(dim, r / groups, 1), Init.zeros()),
                host.parameter(prefix + "conv_B.bias", new Shape(dim), Init.zeros()),
                dim, settings, groups);
    }

    /** Scalars of one module: D·r + r + D·r/g + D. */
    static long parameters(long dim, long bottleneck, long groups) {
        return dim * bottleneck + bottleneck + dim * (bottleneck / groups) + dim;
    }

    NDArray forward(NDArray x, SiteContext context) {
        NDArray hidden = context.dropout(Dense.apply(x, matrixA(), biasA.array()), dropout);
        NDArray update = Dense.apply(hidden, blockDiagonalB(x.getManager()), biasB.array());
        return x.add(Scalars.mul(update, scale));
    }

    /**
     * Folds the module into the linear layer that reads its output:
     * {@code W ← W·(I + s·B̃A)}, {@code bias ← bias + s·W·(B̃a + b)}.
     */
    void mergeInto(MergeTarget target, String weightName, String biasName) {
        NDArray w = target.get(weightName);
        NDArray bTilde = blockDiagonalB(w.getManager());
        NDArray shift = bTilde.matMul(biasA.array()).add(biasB.array());
        target.set(biasName, target.get(biasName).add(Scalars.mul(w.matMul(shift), scale)));
        target.set(weightName, w.add(Scalars.mul(w.matMul(bTilde.matMul(matrixA())), scale)));
    }

    private NDArray matrixA() {
        return weightA.array().reshape(bottleneck, dim);
    }

    /**
     * The (D, r) block-diagonal matrix of the grouped conv: output channels of group k read only
     * the k-th slice of r/g inputs.
     */
    private NDArray blockDiagonalB(NDManager manager) {
        int in = bottleneck / groups;
        NDArray mask = manager.eye(groups).reshape(groups, 1, groups, 1);
        return mask.mul(weightB.array().reshape(groups, dim / groups, 1, in)).reshape(dim, bottleneck);
    }
}
