package org.peft4j.api;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * Access to a trained model during {@link Mergeable#merge}: base weights to replace and the
 * method's own parameters to read. After merging, the runtime removes the method's modules. The
 * same optional {@link Capabilities} as at attach time are offered.
 */
public interface MergeTarget extends Capabilities {

    /**
     * Current value of a base or method parameter.
     *
     * @param name timm-style dotted name
     * @return the tensor (do not close it)
     * @throws IllegalArgumentException if there is no such parameter
     */
    NDArray get(String name);

    /**
     * Replaces the value of a base parameter; the new tensor must have the same shape.
     *
     * @param name timm-style dotted name of a base parameter
     * @param value new value
     */
    void set(String name, NDArray value);

    /**
     * Dimensions of the backbone.
     *
     * @return the shape
     */
    BackboneShape shape();

    /**
     * Returns an optional capability; {@link ReferenceCompat} is offered if the model was built
     * under the {@code reference-compat} switch.
     *
     * @param type the capability's type
     * @param <T> the capability's type
     * @return the capability, or empty
     */
    @Override
    <T> Optional<T> capability(Class<T> type);
}
