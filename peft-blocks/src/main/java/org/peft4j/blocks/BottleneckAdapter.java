package org.peft4j.blocks;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.SiteContext;
import org.peft4j.api.Scalars;

/**
 * A bottleneck adapter {@code s·up(dropout(act(down(x))))} with biased down (dim → r) and up
 * (r → dim) layers. The activation is pluggable: ReLU for the Houlsby/Pfeiffer/AdaptFormer adapter,
 * a QuickGELU-conv-QuickGELU stack for ConvPass. Its residual, if any, is added by
 * {@link BranchComposition}.
 */
public final class BottleneckAdapter implements BranchComposition.BranchModule {

    private final ParameterHandle downWeight;
    private final ParameterHandle downBias;
    private final ParameterHandle upWeight;
    private final ParameterHandle upBias;
    private final UnaryOperator<NDArray> activation;
    private final float dropout;
    private final float scale;

    private BottleneckAdapter(
            ParameterHandle downWeight,
            ParameterHandle downBias,
            ParameterHandle upWeight,
            ParameterHandle upBias,
            UnaryOperator<NDArray> activation,
            float dropout,
            float scale) {
        this.downWeight = downWeight;
        this.downBias = downBias;
        this.upWeight = upWeight;
        this.upBias = upBias;
        this.activation = activation;
        this.dropout = dropout;
        this.scale = scale;
    }

    /**
     * Creates the adapter's four tensors {@code <down>.weight}, {@code <down>.bias},
     * {@code <up>.weight}, {@code <up>.bias} through {@link PeftHost#linearWeight} and
     * {@link PeftHost#linearBias}.
     *
     * @param host the backbone being adapted
     * @param downLayer dotted name of the down layer, e.g. {@code blocks.0.ft_mlp_module.down_proj}
     * @param upLayer dotted name of the up layer
     * @param dim input and output width
     * @param bottleneck inner width r
     * @param init intended init
     * @param activation applied after the down layer
     * @param dropout rate applied after the activation (training only)
     * @param scale output multiplier s
     * @return the adapter
     */
    public static BottleneckAdapter create(
            PeftHost host,
            String downLayer,
            String upLayer,
            int dim,
            int bottleneck,
            AdapterInit init,
            UnaryOperator<NDArray> activation,
            float dropout,
            float scale) {
        return new BottleneckAdapter(
                host.linearWeight(downLayer + ".weight", bottleneck, dim, init.downWeight()),
                host.linearBias(downLayer + ".bias", bottleneck, init.downBias()),
                host.linearWeight(upLayer + ".weight", dim, bottleneck, init.upWeight()),
                host.linearBias(upLayer + ".bias", dim, init.upBias()),
                activation,
                dropout,
                scale);
    }

    /**
     * Number of scalars of one adapter.
     *
     * @param dim input and output width
     * @param bottleneck inner width r
     * @return 2·dim·r + r + dim
     */
    public static long parameters(long dim, long bottleneck) {
        return 2 * dim * bottleneck + bottleneck + dim;
    }

    /** {@code s·up(dropout(act(down(x))))}, without residual. */
    @Override
    public NDArray forward(NDArray x, SiteContext context) {
        NDArray z = activation.apply(Dense.apply(x, downWeight.array(), downBias.array()));
        z = context.dropout(z, dropout);
        return Scalars.mul(Dense.apply(z, upWeight.array(), upBias.array()), scale);
    }
}
