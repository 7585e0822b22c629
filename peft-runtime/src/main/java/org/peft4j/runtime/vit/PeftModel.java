package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Optional;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.MergeTarget;
import org.peft4j.api.Mergeable;
import org.peft4j.api.ParameterSelector;
import org.peft4j.api.PeftMethod;

/** A {@link VisionTransformer} with one PEFT method attached. */
public final class PeftModel {

    private final VisionTransformer vit;
    private final PeftMethod method;
    private final boolean referenceCompat;
    private List<String> added;
    private List<ParameterSelector> selectors;

    private PeftModel(VisionTransformer vit, PeftMethod method, boolean referenceCompat) {
        this.vit = vit;
        this.method = method;
        this.referenceCompat = referenceCompat;
    }

    /**
     * Attaches a method to a backbone: freezes every base parameter except the head, then lets the
     * method add its parameters, modules and trainable selections. If the method throws, what it
     * added is removed again and the exception propagates.
     *
     * @param vit a backbone without a method
     * @param method the configured method
     * @param referenceCompat whether to reproduce the reference implementation's behaviour
     * @return the adapted model
     */
    public static PeftModel attach(VisionTransformer vit, PeftMethod method, boolean referenceCompat) {
        if (!vit.sites().isEmpty() || vit.parameters().all().stream().anyMatch(p -> !p.isBase())) {
            throw new IllegalStateException("the backbone already has a method attached");
        }
        freezeAllButHead(vit);
        PeftModel model = new PeftModel(vit, method, referenceCompat);
        VitHost host = new VitHost(vit, referenceCompat);
        try {
            method.attach(host);
        } catch (RuntimeException | LinkageError e) {
            model.added = host.added();
            model.detach();
            throw e;
        }
        model.added = host.added();
        model.selectors = host.selectors();
        return model;
    }

    private static void freezeAllButHead(VisionTransformer vit) {
        vit.setTrainable(name -> !name.startsWith("head."), false);
    }

    /**
     * The adapted backbone.
     *
     * @return the model
     */
    public VisionTransformer vit() {
        return vit;
    }

    /**
     * The attached method.
     *
     * @return the method
     */
    public PeftMethod method() {
        return method;
    }

    /**
     * Names of the parameters the method added.
     *
     * @return names in creation order
     */
    public List<String> addedParameters() {
        return added;
    }

    /**
     * The selectors through which the method made base parameters trainable (besides the head).
     *
     * @return selectors in the order the method passed them to {@code PeftHost.train}
     */
    public List<ParameterSelector> trainSelectors() {
        return selectors;
    }

    /**
     * Whether the model was attached under the {@code reference-compat} switch.
     *
     * @return true under reference-compat
     */
    public boolean referenceCompat() {
        return referenceCompat;
    }

    /**
     * Whether the method can be folded into the base weights.
     *
     * @return true for {@link Mergeable} methods
     */
    public boolean isMergeable() {
        return method instanceof Mergeable;
    }

    /**
     * Folds a {@link Mergeable} method into the base weights and removes it (see {@link #detach()}),
     * leaving a plain backbone that computes the same function.
     *
     * @return the plain backbone (the same instance as {@link #vit()})
     * @throws IllegalStateException if the method is not mergeable
     */
    public VisionTransformer merge() {
        if (!(method instanceof Mergeable mergeable)) {
            throw new IllegalStateException("method " + method.getClass().getSimpleName() + " is not mergeable");
        }
        mergeable.merge(new Target());
        return detach();
    }

    /**
     * Removes the method without merging: its modules and parameters are deleted and only the head
     * stays trainable. Base weights keep their current values, so the backbone can take another
     * method (trained base weights stay trained).
     *
     * @return the plain backbone (the same instance as {@link #vit()})
     */
    public VisionTransformer detach() {
        vit.sites().clear();
        for (String name : added) {
            vit.parameters().remove(name);
        }
        added = List.of();
        selectors = List.of();
        freezeAllButHead(vit);
        return vit;
    }

    /** Merge access to this model's tensors. */
    private final class Target implements MergeTarget {

        @Override
        public NDArray get(String name) {
            return vit.parameters().get(name).array();
        }

        @Override
        public void set(String name, NDArray value) {
            ModelParameter p = vit.parameters().get(name);
            if (!p.isBase()) {
                throw new IllegalArgumentException("merge may only replace base parameters, not '" + name + "'");
            }
            NDArray owned = value.stopGradient().duplicate();
            owned.attach(vit.manager());
            NDScope.unregister(owned);
            p.replace(owned);
        }

        @Override
        public BackboneShape shape() {
            return vit.shape();
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return RuntimeCapabilities.of(type, referenceCompat, vit.config());
        }
    }
}
