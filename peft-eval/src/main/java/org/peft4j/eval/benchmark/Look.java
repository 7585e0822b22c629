package org.peft4j.eval.benchmark;

/**
 * The appearance distribution a scene is drawn with. Geometry and labels come from a separate
 * random stream, so the shifted test image {@code i} shows the same scene as test image {@code i}.
 */
enum Look {
    /** Training and test appearance: light, weakly saturated backgrounds, light noise. */
    STANDARD(0.03),
    /** Distribution shift: darker, saturated backgrounds, other stains and casts, twice the noise. */
    SHIFTED(0.06);

    private final double noise;

    Look(double noise) {
        this.noise = noise;
    }

    /** @return the standard deviation of the per-pixel Gaussian noise */
    double noise() {
        return noise;
    }
}
