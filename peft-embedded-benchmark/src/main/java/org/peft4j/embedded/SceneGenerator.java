package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/** Draws the images of one task: a scene for a label, with its geometry and its appearance. */
interface SceneGenerator {

    /** @return the task this generator draws */
    BuiltInTask task();

    /**
     * Draws one image.
     *
     * @param label the class, in [0, classes)
     * @param scene generator of geometry (positions, sizes, counts, angles)
     * @param look generator of appearance (colours, backgrounds, noise)
     * @param style the appearance distribution
     * @return a 32 × 32 image
     */
    RgbImage render(int label, Rng scene, Rng look, Look style);
}
