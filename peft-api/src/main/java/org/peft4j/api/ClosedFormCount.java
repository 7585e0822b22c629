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

    /**
     * Closed-form count for a backbone of any family: the same as {@link
     * #insertedParameters(BackboneShape)} unless the method trains tensors that only some families
     * have (extra LayerNorms, LayerScale, the whole backbone), which override this.
     *
     * @param shape the backbone's dimensions
     * @param layout what the backbone has beyond its shape
     * @return number of scalars
     */
    default long insertedParameters(BackboneShape shape, BackboneLayout layout) {
        return insertedParameters(shape);
    }
}
