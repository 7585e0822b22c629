package org.peft4j.testkit;

import org.peft4j.api.BackboneLayout;
import org.peft4j.api.BackboneShape;
import org.peft4j.api.PeftMethod;
import org.peft4j.runtime.vit.PeftModel;
import org.peft4j.runtime.vit.VisionTransformer;
import org.peft4j.runtime.vit.VitConfig;

/**
 * Counts the study's "inserted parameters" (trainable scalars outside the head) of methods on one
 * real backbone that is built once: each count attaches the method, counts and detaches it again,
 * so that counting many configurations on a large ViT stays cheap.
 */
public final class InsertedParameterCounter implements AutoCloseable {

    private final VisionTransformer backbone;

    /**
     * Builds the backbone.
     *
     * @param config its architecture, e.g. {@code VitConfig.preset("vit-b16", 10)}
     */
    public InsertedParameterCounter(VitConfig config) {
        this.backbone = Models.backbone(config, 0);
    }

    /**
     * The shape of the backbone, for closed-form counts.
     *
     * @return the shape
     */
    public BackboneShape shape() {
        return backbone.shape();
    }

    /**
     * What the backbone has beyond its shape, for closed-form counts on other families.
     *
     * @return the layout
     */
    public BackboneLayout layout() {
        return backbone.config().layout();
    }

    /**
     * Attaches a method, counts its trainable non-head scalars and detaches it.
     *
     * @param method a fresh method instance
     * @return the count
     */
    public long count(PeftMethod method) {
        return count(method, false);
    }

    /**
     * Attaches a method with the given reference-compat switch, counts its trainable non-head
     * scalars and detaches it.
     *
     * @param method a fresh method instance
     * @param referenceCompat whether to attach it in reference-compat mode
     * @return the count
     */
    public long count(PeftMethod method, boolean referenceCompat) {
        PeftModel model = PeftModel.attach(backbone, method, referenceCompat);
        try {
            return backbone.insertedParameters();
        } finally {
            model.detach();
        }
    }

    @Override
    public void close() {
        backbone.close();
    }
}
