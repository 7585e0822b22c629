package org.peft4j.runtime.vit;

import ai.djl.ndarray.NDArray;
import org.peft4j.api.ParameterHandle;

/** A named tensor of a model: a base weight of the backbone or one added by a PEFT method. */
public final class ModelParameter implements ParameterHandle {

    private final String name;
    private final boolean base;
    private NDArray array;
    private boolean trainable;

    ModelParameter(String name, NDArray array, boolean base) {
        this.name = name;
        this.array = array;
        this.base = base;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray array() {
        return array;
    }

    /**
     * Whether this is a backbone weight (as opposed to one a method added).
     *
     * @return true for base weights
     */
    public boolean isBase() {
        return base;
    }

    /**
     * Whether the optimizer updates this parameter.
     *
     * @return true if trainable
     */
    public boolean isTrainable() {
        return trainable;
    }

    void setTrainable(boolean trainable) {
        this.trainable = trainable;
        array.setRequiresGradient(trainable);
    }

    /**
     * Replaces the value with a tensor of the same shape, keeping trainability. The old tensor is
     * closed.
     *
     * @param value the new value, owned by the model's manager
     */
    void replace(NDArray value) {
        if (!value.getShape().equals(array.getShape())) {
            throw new IllegalArgumentException("shape mismatch for '" + name + "': expected "
                    + array.getShape() + ", found " + value.getShape());
        }
        NDArray old = array;
        array = value;
        array.setRequiresGradient(trainable);
        old.close();
    }

    /**
     * Number of scalars.
     *
     * @return element count
     */
    public long size() {
        return array.size();
    }
}
