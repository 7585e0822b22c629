package org.peft4j.api;

import ai.djl.ndarray.types.Shape;
import java.util.Optional;

/**
 * The backbone as a method sees it while attaching: its shape, a factory for new parameters, the
 * insertion points and the selection of trainable base parameters. Implemented by the runtime,
 * which may offer optional {@link Capabilities} such as {@link ReferenceCompat}.
 */
public interface PeftHost extends Capabilities {

    /**
     * Dimensions of the backbone being adapted.
     *
     * @return the shape
     */
    BackboneShape shape();

    /**
     * Returns an optional capability of this host; {@link ReferenceCompat} is offered under the
     * {@code reference-compat} switch.
     *
     * @param type the capability's type
     * @param <T> the capability's type
     * @return the capability, or empty
     */
    @Override
    <T> Optional<T> capability(Class<T> type);

    /**
     * Creates a new trainable tensor owned by the method.
     *
     * @param name unique timm-style dotted name, e.g. {@code blocks.3.attn.lora.lora_a.weight}
     * @param shape tensor shape
     * @param init initial values
     * @return a handle to read the tensor during forward passes
     */
    ParameterHandle parameter(String name, Shape shape, Init init);

    /**
     * Creates a new trainable weight of a linear layer (out, in). Under {@link ReferenceCompat}
     * the intended init is replaced by the reference's trunc_normal(0.02), as timm re-initialises
     * every Linear in the model.
     *
     * @param name unique dotted name ending in {@code .weight}
     * @param out output features
     * @param in input features
     * @param intended the method's intended init
     * @return a handle
     */
    ParameterHandle linearWeight(String name, int out, int in, Init intended);

    /**
     * Creates a new trainable bias of a linear layer. Under {@link ReferenceCompat} it is zero.
     *
     * @param name unique dotted name ending in {@code .bias}
     * @param out output features
     * @param intended the method's intended init
     * @return a handle
     */
    ParameterHandle linearBias(String name, int out, Init intended);

    /**
     * Returns a base parameter of the backbone by its timm name, for methods that read it.
     *
     * @param name e.g. {@code blocks.0.attn.qkv.weight}
     * @return a handle
     * @throws IllegalArgumentException if there is no such parameter
     */
    ParameterHandle base(String name);

    /**
     * Inserts a module at a per-block site.
     *
     * @param site a site with {@link Site#perBlock()}
     * @param block block index in [0, depth)
     * @param module the module
     */
    void insert(Site site, int block, SiteModule module);

    /**
     * Inserts a module at a model-level site.
     *
     * @param site a site without {@link Site#perBlock()}
     * @param module the module
     */
    void insert(Site site, SiteModule module);

    /**
     * Makes the base parameters whose names match the selector trainable. The head is always
     * trainable; every other base parameter stays frozen unless selected.
     *
     * @param selector which base parameters to train
     */
    void train(ParameterSelector selector);
}
