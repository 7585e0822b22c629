package org.peft4j.api;

import ai.djl.ndarray.NDArray;

/** A function a method inserts at a {@link Site}: it maps the tensor at that point to a new one. */
@FunctionalInterface
public interface SiteModule {

    /**
     * Transforms the tensor flowing through the site.
     *
     * @param x the tensor at the site
     * @param context the site's inputs, mode and random helpers
     * @return the tensor that continues the forward pass
     */
    NDArray forward(NDArray x, SiteContext context);
}
