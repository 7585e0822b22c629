package org.peft4j.api;

import ai.djl.ndarray.NDArray;

/** A tensor created through or owned by a {@link PeftHost}, read during forward passes. */
public interface ParameterHandle {

    /**
     * The parameter's unique dotted name.
     *
     * @return the name
     */
    String name();

    /**
     * The parameter's current value (on the model's device). Do not close it.
     *
     * @return the tensor
     */
    NDArray array();
}
