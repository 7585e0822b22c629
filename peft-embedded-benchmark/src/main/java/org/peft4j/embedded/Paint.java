package org.peft4j.embedded;

/** A colour for every point of the image plane, in pixel units. */
@FunctionalInterface
interface Paint {

    /**
     * @param x column coordinate
     * @param y row coordinate
     * @return the colour there
     */
    Rgb at(double x, double y);

    /**
     * @param colour the colour
     * @return a paint of one colour
     */
    static Paint solid(Rgb colour) {
        return (x, y) -> colour;
    }

    /**
     * Two colours chosen by a pattern.
     *
     * @param pattern where the second colour goes
     * @param first colour outside the pattern
     * @param second colour inside the pattern
     * @return the paint
     */
    static Paint twoTone(Pattern pattern, Rgb first, Rgb second) {
        return (x, y) -> pattern.contains(x, y) ? second : first;
    }

    /**
     * A linear gradient between two colours across the image.
     *
     * @param from colour at one side
     * @param to colour at the opposite side
     * @param angle direction of the gradient in radians
     * @return the paint
     */
    static Paint gradient(Rgb from, Rgb to, double angle) {
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double half = Raster.SIZE / 2.0;
        double span = half * (Math.abs(cos) + Math.abs(sin));
        return (x, y) -> from.mix(to, ((x - half) * cos + (y - half) * sin + span) / (2 * span));
    }

    /**
     * Two colours blended by smooth noise.
     *
     * @param noise the blend weight field in [0, 1]
     * @param first colour at weight 0
     * @param second colour at weight 1
     * @return the paint
     */
    static Paint blend(ValueNoise noise, Rgb first, Rgb second) {
        return (x, y) -> first.mix(second, noise.at(x, y));
    }

    /** A binary pattern of the plane. */
    @FunctionalInterface
    interface Pattern {
        /**
         * @param x column coordinate
         * @param y row coordinate
         * @return whether the point belongs to the pattern
         */
        boolean contains(double x, double y);
    }
}
