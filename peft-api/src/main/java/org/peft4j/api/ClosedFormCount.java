package org.peft4j.api;

/**
 * Capability of methods that can state, without building a model, how many parameters they make
 * trainable besides the classification head (the study's "inserted parameters").
 */
public interface ClosedFormCount {

    /**
     * Closed-form count of trainable non-head parameters for a backbone of the given shape.
     *
     * @param shape the backbone's dimensions
     * @return number of scalars
     */
    long insertedParameters(BackboneShape shape);
}
