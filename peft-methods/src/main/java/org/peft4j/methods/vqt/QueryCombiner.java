package org.peft4j.methods.vqt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import java.util.List;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.SiteContext;
import org.peft4j.api.SiteModule;
import org.peft4j.api.Scalars;

/**
 * The VQT head input: the pooled CLS feature and the L·n collected query outputs, each
 * L2-normalised over the feature axis, weighted along the token axis by {@code
 * vqt.combine_layer.weight} (1, L·n + 1) and summed into one (B, D) feature.
 */
final class QueryCombiner implements SiteModule {

    private static final float NORM_EPS = 1e-12f;

    private final ParameterHandle weight;
    private final String key;

    /**
     * Creates the combiner.
     *
     * @param weight combine weights (1, L·n + 1); column 0 weighs CLS, then block 0's queries, ...
     * @param key the {@link org.peft4j.api.ForwardState} list holding the query outputs
     */
    QueryCombiner(ParameterHandle weight, String key) {
        this.weight = weight;
        this.key = key;
    }

    @Override
    public NDArray forward(NDArray cls, SiteContext context) {
        List<NDArray> queries = context.state().list(key);
        NDList parts = new NDList(queries.size() + 1);
        parts.add(cls.expandDims(1));
        parts.addAll(queries);
        NDArray features = NDArrays.concat(parts, 1);
        NDArray norms = features.square().sum(new int[] {2}, true).sqrt();
        norms = norms.maximum(Scalars.constant(norms, NORM_EPS));
        NDArray normalised = features.div(norms);
        long batch = cls.getShape().get(0);
        return normalised.transpose(0, 2, 1).matMul(weight.array().transpose()).reshape(batch, cls.getShape().get(1));
    }
}
