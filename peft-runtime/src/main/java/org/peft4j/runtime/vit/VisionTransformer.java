package org.peft4j.runtime.vit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.function.Predicate;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.Init;
import org.peft4j.api.Scalars;
import org.peft4j.api.Site;

/**
 * A timm-style Vision Transformer whose parameters carry timm's names and whose blocks expose
 * the {@link Site insertion points} that PEFT methods use; the {@link VitFamily} of its
 * configuration adds LayerScale, registers, {@code norm_pre}, QuickGELU or average pooling as timm
 * does. Owns its parameters' NDManager.
 */
public final class VisionTransformer implements AutoCloseable {

    private static final NDIndex CLS = new NDIndex(":, 0");
    private static final String LS1 = "ls1.gamma";
    private static final String LS2 = "ls2.gamma";

    private VitConfig config;
    private final NDManager manager;
    private final ParameterRegistry parameters = new ParameterRegistry();
    private final SiteTable sites;

    private VisionTransformer(VitConfig config, NDManager manager) {
        this.config = config;
        this.manager = manager;
        this.sites = new SiteTable(config.depth());
    }

    /**
     * Builds a model with timm's default initialisation (Linear trunc_normal(0.02) and zero bias,
     * LayerNorm ones/zeros, pos_embed trunc_normal(0.02), cls_token and reg_token normal(1e-6),
     * LayerScale γ the family's initial value, patch conv and head with PyTorch's default init). Random draws use the engine's seeded generator.
     *
     * @param config the architecture
     * @param device where the parameters live
     * @return the model
     */
    public static VisionTransformer create(VitConfig config, Device device) {
        VisionTransformer vit = new VisionTransformer(config, NDManager.newBaseManager(device));
        vit.initialise();
        return vit;
    }

    private void initialise() {
        int d = config.dim();
        int p = config.patchSize();
        int hidden = d * config.mlpRatio();
        VitFamily family = config.family();
        Init linear = Init.truncNormal(0.02f);
        base("cls_token", new Shape(1, 1, d), Init.normal(0f, 1e-6f));
        if (family.registers() > 0) {
            base("reg_token", new Shape(1, family.registers(), d), Init.normal(0f, 1e-6f));
        }
        base("pos_embed", new Shape(1, config.positions(), d), linear);
        base("patch_embed.proj.weight", new Shape(d, 3, p, p), Init.kaimingUniform());
        if (family.patchBias()) {
            base("patch_embed.proj.bias", new Shape(d), Init.uniform((float) (1 / Math.sqrt(3.0 * p * p))));
        }
        if (family.preNorm()) {
            norm("norm_pre", d);
        }
        for (int i = 0; i < config.depth(); i++) {
            String b = "blocks." + i + ".";
            norm(b + "norm1", d);
            base(b + "attn.qkv.weight", new Shape(3L * d, d), linear);
            base(b + "attn.qkv.bias", new Shape(3L * d), Init.zeros());
            base(b + "attn.proj.weight", new Shape(d, d), linear);
            base(b + "attn.proj.bias", new Shape(d), Init.zeros());
            layerScale(b + LS1);
            norm(b + "norm2", d);
            base(b + "mlp.fc1.weight", new Shape(hidden, d), linear);
            base(b + "mlp.fc1.bias", new Shape(hidden), Init.zeros());
            base(b + "mlp.fc2.weight", new Shape(d, hidden), linear);
            base(b + "mlp.fc2.bias", new Shape(d), Init.zeros());
            layerScale(b + LS2);
        }
        norm(family.pooling() == VitFamily.Pooling.AVERAGE ? "fc_norm" : "norm", d);
        createHead(config.numClasses());
    }

    private void layerScale(String name) {
        float gamma = config.family().layerScale();
        if (gamma > 0f) {
            base(name, new Shape(config.dim()), (m, s) -> m.full(s, gamma));
        }
    }

    private void norm(String prefix, int d) {
        base(prefix + ".weight", new Shape(d), Init.ones());
        base(prefix + ".bias", new Shape(d), Init.zeros());
    }

    private ModelParameter base(String name, Shape shape, Init init) {
        return parameters.add(name, init.create(manager, shape).toType(DataType.FLOAT32, false), true);
    }

    private void createHead(int classes) {
        float bound = (float) (1 / Math.sqrt(config.dim()));
        base("head.weight", new Shape(classes, config.dim()), Init.uniform(bound)).setTrainable(true);
        base("head.bias", new Shape(classes), Init.uniform(bound)).setTrainable(true);
    }

    /**
     * Replaces the head by a freshly initialised one for another number of classes (PyTorch's
     * default Linear init, as the study re-creates the head).
     *
     * @param classes number of classes
     * @return this model
     */
    public VisionTransformer resizeHead(int classes) {
        parameters.remove("head.weight");
        parameters.remove("head.bias");
        config = config.withClasses(classes);
        createHead(classes);
        return this;
    }

    /**
     * Sets the stochastic depth rate of the last block (the ramp from 0 follows).
     *
     * @param rate drop path rate in [0, 1)
     */
    public void setDropPathRate(float rate) {
        config = config.withDropPath(rate);
    }

    /**
     * Runs the model on a batch of images.
     *
     * @param images (B, 3, H, W) float32, on the model's device
     * @param training whether drop path and dropouts are active
     * @return logits (B, classes)
     */
    public NDArray forward(NDArray images, boolean training) {
        ForwardPass pass = new ForwardPass(config, training);
        NDArray tokens = embed(images, pass);
        for (int i = 0; i < config.depth(); i++) {
            tokens = scopedBlock(i, tokens, pass);
        }
        return head(tokens, pass);
    }

    /**
     * Runs a block in its own {@link NDScope}, so that the tensors only the block itself used are
     * released when it ends rather than when the step ends. Releasing a handle only drops a
     * reference: autograd keeps what the backward pass needs, as in PyTorch, where the other
     * intermediates are freed as soon as they are consumed. Kept: the block's output and every
     * tensor that a site shared through the pass ({@link ForwardPass#shared()}).
     */
    private NDArray scopedBlock(int i, NDArray x, ForwardPass pass) {
        NDArray out;
        List<NDArray> shared;
        try (NDScope scope = new NDScope()) {
            out = block(i, x, pass);
            shared = pass.shared();
            NDScope.unregister(out);
            shared.forEach(NDScope::unregister);
        }
        NDScope.register(out);
        shared.forEach(NDScope::register);
        return out;
    }

    private NDArray embed(NDArray images, ForwardPass pass) {
        VitFamily family = config.family();
        NDArray bias = family.patchBias() ? value("patch_embed.proj.bias") : null;
        NDArray x = Conv2d.conv2d(images, value("patch_embed.proj.weight"), bias,
                        new Shape(config.patchSize(), config.patchSize()))
                .singletonOrThrow();
        long b = x.getShape().get(0);
        x = x.reshape(b, config.dim(), -1).transpose(0, 2, 1);
        x = sites.apply(Site.PATCH_TOKENS, -1, x, pass.at(-1, x, x, x));
        NDArray prefix = value("cls_token").broadcast(b, 1, config.dim());
        if (family.registers() > 0) {
            prefix = prefix.concat(value("reg_token").broadcast(b, family.registers(), config.dim()), 1);
        }
        x = family.prefixPositions() ? prefix.concat(x, 1).add(value("pos_embed"))
                : prefix.concat(x.add(value("pos_embed")), 1);
        return family.preNorm() ? norm(x, "norm_pre") : x;
    }

    private NDArray norm(NDArray x, String prefix) {
        return Layers.layerNorm(x, value(prefix + ".weight"), value(prefix + ".bias"), config.family().lnEps());
    }

    /** The branch scaled by LayerScale γ where the family has it (timm's {@code ls1}/{@code ls2}). */
    private NDArray layerScaled(NDArray branch, String gamma) {
        return config.family().hasLayerScale() ? branch.mul(value(gamma)) : branch;
    }

    private NDArray block(int i, NDArray x, ForwardPass pass) {
        String p = "blocks." + i + ".";
        x = sites.apply(Site.BLOCK_INPUT, i, x, pass.at(i, x, x, x));
        // attention half
        NDArray a = norm(x, p + "norm1");
        a = sites.apply(Site.ATTN_NORM, i, a, pass.at(i, x, a, a));
        NDArray attn = layerScaled(attention(i, p, a, pass), p + LS1);
        NDArray branch = pass.dropPath(attn, i);
        branch = sites.apply(Site.ATTN_BRANCH, i, branch, pass.at(i, x, a, attn));
        x = x.add(branch);
        // MLP half
        NDArray m = norm(x, p + "norm2");
        m = sites.apply(Site.MLP_NORM, i, m, pass.at(i, x, m, m));
        NDArray h = Layers.linear(m, value(p + "mlp.fc1.weight"), value(p + "mlp.fc1.bias"));
        h = sites.apply(Site.FC1, i, h, pass.at(i, m, m, h));
        NDArray g = Layers.activation(h, config.family().activation());
        g = sites.apply(Site.MLP_HIDDEN, i, g, pass.at(i, h, h, g));
        NDArray y = Layers.linear(g, value(p + "mlp.fc2.weight"), value(p + "mlp.fc2.bias"));
        y = sites.apply(Site.FC2, i, y, pass.at(i, g, g, y));
        y = layerScaled(y, p + LS2);
        branch = pass.dropPath(y, i);
        branch = sites.apply(Site.MLP_BRANCH, i, branch, pass.at(i, x, m, y));
        x = x.add(branch);
        return sites.apply(Site.BLOCK_OUTPUT, i, x, pass.at(i, x, x, x));
    }

    private NDArray attention(int i, String p, NDArray a, ForwardPass pass) {
        Shape s = a.getShape();
        long b = s.get(0);
        long n = s.get(1);
        int heads = config.heads();
        int hd = config.dim() / heads;
        NDArray qkv = Layers.linear(a, value(p + "attn.qkv.weight"), value(p + "attn.qkv.bias"));
        qkv = sites.apply(Site.QKV, i, qkv, pass.at(i, a, a, qkv));
        NDArray split = qkv.reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4);
        NDArray q = Scalars.mul(split.get(0), Math.pow(hd, -0.5));
        NDArray k = split.get(1);
        NDArray v = split.get(2);
        int hidden = pass.takeHiddenFromKeys();
        if (hidden > 0) {
            NDIndex keep = new NDIndex(":, :, {}:", hidden);
            k = k.get(keep);
            v = v.get(keep);
        }
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(3);
        NDArray o = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, config.dim());
        NDArray out = Layers.linear(o, value(p + "attn.proj.weight"), value(p + "attn.proj.bias"));
        return sites.apply(Site.PROJ, i, out, pass.at(i, o, o, out));
    }

    private NDArray head(NDArray x, ForwardPass pass) {
        boolean average = config.family().pooling() == VitFamily.Pooling.AVERAGE;
        NDArray normed = average ? x : norm(x, "norm");
        normed = sites.apply(Site.FINAL_NORM, -1, normed, pass.at(-1, x, normed, normed));
        NDArray pooled = average
                ? norm(normed.get(new NDIndex(":, {}:", config.family().prefixTokens())).mean(new int[] {1}), "fc_norm")
                : normed.get(CLS);
        pooled = sites.apply(Site.HEAD_INPUT, -1, pooled, pass.at(-1, normed, normed, pooled));
        return Layers.linear(pooled, value("head.weight"), value("head.bias"));
    }

    private NDArray value(String name) {
        return parameters.get(name).array();
    }

    /**
     * The architecture.
     *
     * @return the configuration
     */
    public VitConfig config() {
        return config;
    }

    /**
     * The backbone shape as methods see it.
     *
     * @return the shape
     */
    public BackboneShape shape() {
        return config.shape();
    }

    /**
     * All parameters, base and inserted.
     *
     * @return the registry
     */
    public ParameterRegistry parameters() {
        return parameters;
    }

    /**
     * The manager that owns the parameters.
     *
     * @return the manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * The device of the parameters.
     *
     * @return the device
     */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Number of trainable scalars, the head included.
     *
     * @return the count
     */
    public long trainableParameters() {
        return parameters.count(ModelParameter::isTrainable);
    }

    /**
     * The study's "inserted parameters": trainable scalars whose name does not contain
     * {@code head}.
     *
     * @return the count
     */
    public long insertedParameters() {
        return parameters.count(p -> p.isTrainable() && !p.name().startsWith("head."));
    }

    /**
     * Number of base scalars without the head.
     *
     * @return the count
     */
    public long backboneParameters() {
        return parameters.count(p -> p.isBase() && !p.name().startsWith("head."));
    }

    /**
     * Marks base parameters trainable or frozen.
     *
     * @param filter which base parameters (by name)
     * @param trainable the new state
     */
    public void setTrainable(Predicate<String> filter, boolean trainable) {
        for (ModelParameter p : parameters.all()) {
            if (p.isBase() && filter.test(p.name())) {
                p.setTrainable(trainable);
            }
        }
    }

    SiteTable sites() {
        return sites;
    }

    @Override
    public void close() {
        manager.close();
    }
}
