package org.peft4j.methods.difffit;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.Init;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.PeftHost;
import org.peft4j.api.Site;
import org.peft4j.api.SiteModule;
import org.peft4j.blocks.BaseParameterGroup;
import org.peft4j.blocks.BaseWeightTuning;
import org.peft4j.blocks.OutputAffineFold;

/**
 * DiffFit ({@code docs/methods.md#difffit}): per block two new vectors {@code blocks.{i}.difffit_gamma1/2} (D),
 * initialised to ones, scale the attention and MLP branch outputs after drop path:
 * {@code r1 = r0 + γ1 ⊙ out_attn}, {@code r2 = r1 + γ2 ⊙ out_mlp}. All biases and all LayerNorm
 * weights are trained too: 2·L·D + 2·D + L·(7·D + H) + D·(2·L + 1) parameters (140,544 for
 * ViT-B/16). Merging folds γ1 into {@code attn.proj} and γ2 into {@code mlp.fc2}
 * ({@code W ← diag(γ)·W}, {@code b ← γ ⊙ b}); drop path scales whole samples, so it commutes.
 */
public final class DiffFit extends BaseWeightTuning {

    private final List<ScaledLayer> gammas = new ArrayList<>();

    /** Creates the method. */
    public DiffFit() {
        super(BaseParameterGroup.BIASES, BaseParameterGroup.LAYER_NORM_WEIGHTS);
    }

    @Override
    public void attach(PeftHost host) {
        super.attach(host);
        Shape shape = new Shape(host.shape().dim());
        for (int i = 0; i < host.shape().depth(); i++) {
            String block = "blocks." + i + ".";
            gammas.add(gamma(host, Site.ATTN_BRANCH, i, block + "difffit_gamma1", block + "attn.proj", shape));
            gammas.add(gamma(host, Site.MLP_BRANCH, i, block + "difffit_gamma2", block + "mlp.fc2", shape));
        }
    }

    private static ScaledLayer gamma(PeftHost host, Site site, int block, String name, String layer, Shape shape) {
        ParameterHandle gamma = host.parameter(name, shape, Init.ones());
        SiteModule scale = (x, context) -> x.mul(gamma.array());
        host.insert(site, block, scale);
        return new ScaledLayer(gamma, layer);
    }

    @Override
    public void merge(MergeTarget target) {
        for (ScaledLayer g : gammas) {
            OutputAffineFold.fold(target, g.layer + ".weight", g.layer + ".bias", target.get(g.gamma.name()), null);
        }
    }

    @Override
    public long insertedParameters(BackboneShape shape, BackboneLayout layout) {
        return super.insertedParameters(shape, layout) + 2L * shape.depth() * shape.dim();
    }

    /** A γ vector and the layer (weight and bias prefix) whose output it scales. */
    private record ScaledLayer(ParameterHandle gamma, String layer) {}
}
