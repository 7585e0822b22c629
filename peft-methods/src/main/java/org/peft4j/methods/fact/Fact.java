package org.peft4j.methods.fact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.ClosedFormCount;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.PeftHost;
import org.peft4j.api.PeftMethod;
import org.peft4j.api.Site;
import org.peft4j.api.SiteContext;
import org.peft4j.blocks.Dense;
import org.peft4j.blocks.LowRankProjection;
import org.peft4j.api.Scalars;

/**
 * FacT ({@code docs/methods.md#fact}): one module shared by all blocks, with U (d × D) and V (D × d) and the
 * variant's cores, adds {@code s·Δ(x)} to the outputs of qkv, proj, fc1 and fc2:
 * <ul>
 *   <li>qkv: {@code [V·c_q·Ux ; V·c_k·Ux ; V·c_v·Ux]}; proj: {@code V·c_o·Uo};
 *   <li>fc1: {@code g = C1·Ux} (k·d), output chunk c (D wide) = {@code V·g_c};
 *   <li>fc2: the input's D-wide chunks h_c give {@code w = [U h_c]_c} (k·d), output {@code V·C2·w};
 * </ul>
 * with dropout on the d-wide intermediate before V. The tensors are created once, under
 * {@code blocks.0.attn.fact.}. Intended init U kaiming-uniform, V zero (starts as the base
 * function). Linear in x, so it merges into the four weights.
 */
public final class Fact implements PeftMethod, ClosedFormCount, Mergeable {

    /** Dotted prefix of the shared module, as the reference reports it. */
    public static final String PREFIX = "blocks.0.attn.fact.";

    private static final NDIndex QKV_CORES = new NDIndex("0:3");
    private static final NDIndex PROJ_CORE = new NDIndex("3:4");

    private final FactSettings settings;
    private final FactVariant variant;
    private FactShape shape;
    private LowRankProjection uv;
    private FactCores cores;

    /**
     * Creates the method.
     *
     * @param settings d, scale and dropout
     * @param variant how the cores are parameterised
     */
    public Fact(FactSettings settings, FactVariant variant) {
        this.settings = settings;
        this.variant = variant;
    }

    @Override
    public void attach(PeftHost host) {
        shape = FactShape.of(host.shape(), settings.rank());
        uv = LowRankProjection.create(host, PREFIX + "FacTu.weight", PREFIX + "FacTv.weight",
                shape.dim(), settings.rank(), shape.dim(), Init.kaimingUniform(), Init.zeros());
        cores = variant.create(host, PREFIX, shape);
        int k = shape.hiddenRatio();
        for (int i = 0; i < shape.depth(); i++) {
            int block = i;
            host.insert(Site.QKV, i, (y, c) ->
                    y.add(expand(uv.down(c.input()), qkvCores(cores.attention(block)), 3, c)));
            host.insert(Site.PROJ, i, (y, c) ->
                    y.add(expand(uv.down(c.input()), projCore(cores.attention(block)), 1, c)));
            host.insert(Site.FC1, i, (y, c) -> y.add(expand(uv.down(c.input()), cores.fc1(block), k, c)));
            host.insert(Site.FC2, i, (y, c) -> y.add(contract(c.input(), cores.fc2(block), c)));
        }
    }

    @Override
    public long insertedParameters(BackboneShape backbone) {
        FactShape s = FactShape.of(backbone, settings.rank());
        return LowRankProjection.parameters(s.dim(), s.rank(), s.dim()) + variant.coreParameters(s);
    }

    @Override
    public void merge(MergeTarget target) {
        int d = settings.rank();
        int k = shape.hiddenRatio();
        long dim = shape.dim();
        for (int i = 0; i < shape.depth(); i++) {
            String p = "blocks." + i + ".";
            NDArray attention = cores.attention(i);
            addTo(target, p + "attn.qkv.weight", uv.product(attention.get(QKV_CORES)).reshape(3 * dim, dim));
            addTo(target, p + "attn.proj.weight", uv.product(attention.get(PROJ_CORE)).reshape(dim, dim));
            addTo(target, p + "mlp.fc1.weight", uv.product(cores.fc1(i).reshape(k, d, d)).reshape(k * dim, dim));
            NDArray fc2Cores = cores.fc2(i).reshape(d, k, d).transpose(1, 0, 2);
            addTo(target, p + "mlp.fc2.weight", uv.product(fc2Cores).transpose(1, 0, 2).reshape(dim, k * dim));
        }
    }

    private void addTo(MergeTarget target, String weight, NDArray delta) {
        target.set(weight, target.get(weight).add(Scalars.mul(delta, settings.scale())));
    }

    private NDArray qkvCores(NDArray attention) {
        return attention.get(QKV_CORES).reshape(3L * settings.rank(), settings.rank());
    }

    private NDArray projCore(NDArray attention) {
        return attention.get(PROJ_CORE).reshape(settings.rank(), settings.rank());
    }

    /** {@code s·[V·(C·u)_c]_c}: m chunks of d from the core, each mapped by V to D features. */
    private NDArray expand(NDArray u, NDArray core, int chunks, SiteContext context) {
        Shape s = u.getShape();
        NDArray g = context.dropout(Dense.apply(u, core, null), settings.dropout());
        NDArray up = uv.up(g.reshape(s.get(0), s.get(1), chunks, settings.rank()));
        return Scalars.mul(up.reshape(s.get(0), s.get(1), (long) chunks * shape.dim()), settings.scale());
    }

    /** {@code s·V·C·[U h_c]_c} for the D-wide chunks h_c of the fc2 input. */
    private NDArray contract(NDArray h, NDArray core, SiteContext context) {
        Shape s = h.getShape();
        int k = shape.hiddenRatio();
        NDArray w = uv.down(h.reshape(s.get(0), s.get(1), k, shape.dim()))
                .reshape(s.get(0), s.get(1), (long) k * settings.rank());
        NDArray g = context.dropout(Dense.apply(w, core, null), settings.dropout());
        return Scalars.mul(uv.up(g), settings.scale());
    }
}
