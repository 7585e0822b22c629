package org.peft4j.embedded;

/** Nuisance shared by the generators: backgrounds, contrasting object colours and clutter. */
final class Scenery {

    private static final double TURN = 2 * StrictMath.PI;

    private Scenery() {}

    /**
     * Paints a background: a gradient or smooth noise between two colours of the look's palette.
     *
     * @param raster the surface
     * @param look appearance generator
     * @param style the appearance distribution
     * @return the background's mean luminance, for choosing contrasting object colours
     */
    static double background(Raster raster, Rng look, Look style) {
        Rgb a = style.background(look);
        Rgb b = style.background(look);
        if (look.coin()) {
            raster.fill(Paint.gradient(a, b, look.uniform(0, TURN)));
        } else {
            raster.fill(Paint.blend(new ValueNoise(look, look.uniform(5, 12)), a, b));
        }
        return (a.luminance() + b.luminance()) / 2;
    }

    /**
     * A saturated colour whose luminance differs from the background's by at least 0.2 when
     * possible (ten tries, then the most contrasting of them).
     *
     * @param look appearance generator
     * @param backgroundLuminance the background's mean luminance
     * @return the colour
     */
    static Rgb objectColour(Rng look, double backgroundLuminance) {
        Rgb best = null;
        double bestContrast = -1;
        for (int i = 0; i < 10; i++) {
            Rgb c = Rgb.hsv(look.nextDouble(), look.uniform(0.5, 1), look.uniform(0.15, 1));
            double contrast = Math.abs(c.luminance() - backgroundLuminance);
            if (contrast >= 0.2) {
                return c;
            }
            if (contrast > bestContrast) {
                best = c;
                bestContrast = contrast;
            }
        }
        return best;
    }

    /**
     * Scatters small round blobs that carry no label information.
     *
     * @param raster the surface
     * @param scene geometry generator
     * @param look appearance generator
     * @param backgroundLuminance for the blobs' colours
     * @param count number of blobs
     * @param maxRadius largest blob radius in pixels
     */
    static void clutter(Raster raster, Rng scene, Rng look, double backgroundLuminance, int count, double maxRadius) {
        for (int i = 0; i < count; i++) {
            double r = scene.uniform(0.8, maxRadius);
            Region blob = Region.glyph(Glyph.CIRCLE, scene.uniform(0, Raster.SIZE), scene.uniform(0, Raster.SIZE), r, 0);
            raster.fill(blob, objectColour(look, backgroundLuminance));
        }
    }

    /**
     * A uniformly random angle.
     *
     * @param rng the generator
     * @return an angle in [0, 2π)
     */
    static double angle(Rng rng) {
        return rng.uniform(0, TURN);
    }
}
