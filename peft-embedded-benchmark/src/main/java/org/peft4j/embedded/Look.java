package org.peft4j.embedded;

/**
 * The appearance distribution a scene is drawn with. Geometry and labels come from a separate
 * random stream, so the shifted test image {@code i} shows the same scene as test image {@code i}.
 */
enum Look {
    /** Training and test appearance: light, weakly saturated backgrounds, light noise. */
    STANDARD(0, 0.35, 0.55, 0.95, 0.03),
    /** Distribution shift: saturated, somewhat darker backgrounds, other stains and casts, twice the noise. */
    SHIFTED(0.4, 0.8, 0.45, 0.85, 0.06);

    private final double minSaturation;
    private final double maxSaturation;
    private final double minValue;
    private final double maxValue;
    private final double noise;

    Look(double minSaturation, double maxSaturation, double minValue, double maxValue, double noise) {
        this.minSaturation = minSaturation;
        this.maxSaturation = maxSaturation;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.noise = noise;
    }

    /**
     * A background colour: any hue, saturation and value (HSV) from this look's ranges.
     *
     * @param rng the appearance generator
     * @return the colour
     */
    Rgb background(Rng rng) {
        return Rgb.hsv(rng.nextDouble(), rng.uniform(minSaturation, maxSaturation), rng.uniform(minValue, maxValue));
    }

    /** @return the standard deviation of the per-pixel Gaussian noise */
    double noise() {
        return noise;
    }
}
