package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.Init;
import org.peft4j.api.ParameterHandle;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftHost;
import org.peft4j.api.ReferenceCompat;
import org.peft4j.api.Site;
import org.peft4j.api.SiteModule;

/** The {@link PeftHost} through which one method adapts one {@link VisionTransformer}. */
final class VitHost implements PeftHost {

    private static final Init REFERENCE_LINEAR = Init.truncNormal(0.02f);

    private final VisionTransformer vit;
    private final boolean referenceCompat;
    private final List<String> added = new ArrayList<>();
    private final List<ParameterSelector> selectors = new ArrayList<>();

    VitHost(VisionTransformer vit, boolean referenceCompat) {
        this.vit = vit;
        this.referenceCompat = referenceCompat;
    }

    @Override
    public BackboneShape shape() {
        return vit.shape();
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return RuntimeCapabilities.of(type, referenceCompat, vit.config());
    }

    @Override
    public ParameterHandle parameter(String name, Shape shape, Init init) {
        if (vit.parameters().contains(name)) {
            throw new IllegalArgumentException("a method tried to add parameter '" + name + "', which already exists");
        }
        NDArray array = init.create(vit.manager(), shape);
        if (!array.getShape().equals(shape)) {
            throw new IllegalStateException("init for '" + name + "' produced shape " + array.getShape()
                    + ", expected " + shape);
        }
        ModelParameter p = vit.parameters().add(name, array.toType(DataType.FLOAT32, false), false);
        p.setTrainable(true);
        added.add(name);
        return p;
    }

    @Override
    public ParameterHandle linearWeight(String name, int out, int in, Init intended) {
        return parameter(name, new Shape(out, in), referenceCompat ? REFERENCE_LINEAR : intended);
    }

    @Override
    public ParameterHandle linearBias(String name, int out, Init intended) {
        return parameter(name, new Shape(out), referenceCompat ? Init.zeros() : intended);
    }

    @Override
    public ParameterHandle base(String name) {
        ModelParameter p = vit.parameters().get(name);
        if (!p.isBase()) {
            throw new IllegalArgumentException("'" + name + "' is not a base parameter of the backbone");
        }
        return p;
    }

    @Override
    public void insert(Site site, int block, SiteModule module) {
        if (!site.perBlock()) {
            throw new IllegalArgumentException("site " + site + " is model-level: insert it without a block index");
        }
        vit.sites().insert(site, block, module);
    }

    @Override
    public void insert(Site site, SiteModule module) {
        if (site.perBlock()) {
            throw new IllegalArgumentException("site " + site + " is per block: give a block index");
        }
        vit.sites().insert(site, -1, module);
    }

    @Override
    public void train(ParameterSelector selector) {
        vit.setTrainable(selector, true);
        selectors.add(selector);
    }

    /** Names of the parameters the method added, in order. */
    List<String> added() {
        return List.copyOf(added);
    }

    /** Selectors the method passed to {@link #train}, in order. */
    List<ParameterSelector> selectors() {
        return List.copyOf(selectors);
    }
}
