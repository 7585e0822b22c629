package org.peft4j.embedded;

/**
 * A colour with channels in [0, 1].
 *
 * @param r red
 * @param g green
 * @param b blue
 */
record Rgb(double r, double g, double b) {

    /** Black. */
    static final Rgb BLACK = new Rgb(0, 0, 0);

    /**
     * A colour from hue, saturation and value.
     *
     * @param hue in turns, any value (taken modulo 1)
     * @param saturation in [0, 1]
     * @param value in [0, 1]
     * @return the colour
     */
    static Rgb hsv(double hue, double saturation, double value) {
        double h = (hue - StrictMath.floor(hue)) * 6;
        int sector = (int) h % 6;
        double f = h - StrictMath.floor(h);
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        return switch (sector) {
            case 0 -> new Rgb(value, t, p);
            case 1 -> new Rgb(q, value, p);
            case 2 -> new Rgb(p, value, t);
            case 3 -> new Rgb(p, q, value);
            case 4 -> new Rgb(t, p, value);
            default -> new Rgb(value, p, q);
        };
    }

    /**
     * Linear interpolation towards another colour.
     *
     * @param other the colour at t = 1
     * @param t the weight of {@code other}
     * @return the mix
     */
    Rgb mix(Rgb other, double t) {
        return new Rgb(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t);
    }

    /**
     * @param factor brightness factor
     * @return this colour scaled (not clamped)
     */
    Rgb scale(double factor) {
        return new Rgb(r * factor, g * factor, b * factor);
    }

    /** @return the mean of the channels */
    double luminance() {
        return (r + g + b) / 3;
    }
}
