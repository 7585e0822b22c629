package org.peft4j.api;

/**
 * Capability of reparameterizable methods: after training, their effect can be folded into the
 * base weights so that the merged backbone computes the same function with no extra parameters.
 */
public interface Mergeable {

    /**
     * Folds this method's trained parameters into the base weights, in place.
     *
     * @param target access to the base weights and to the method's own parameters
     */
    void merge(MergeTarget target);
}
