package org.peft4j.embedded;

/** Periodic and random two-tone patterns, in a frame rotated and shifted at random. */
enum Textures {
    /** Parallel stripes with a random duty cycle. */
    STRIPES,
    /** Checkerboard. */
    CHECKER,
    /** Lattice of dots. */
    DOTS,
    /** Crossed lines. */
    GRID,
    /** Stripes bent by a sine. */
    WAVES,
    /** Irregular blobs: thresholded smooth noise. */
    BLOBS;

    /**
     * Draws a pattern of this kind.
     *
     * @param rng the generator of its period, angle, phase and shape parameters
     * @param period repeat length in pixels
     * @return the pattern
     */
    Paint.Pattern draw(Rng rng, double period) {
        double angle = Scenery.angle(rng);
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double pu = rng.uniform(0, period);
        double pv = rng.uniform(0, period);
        Frame frame = (x, y) -> new double[] {(x * cos + y * sin + pu) / period, (y * cos - x * sin + pv) / period};
        return switch (this) {
            case STRIPES -> {
                double duty = rng.uniform(0.35, 0.65);
                yield (x, y) -> frac(frame.at(x, y)[0]) < duty;
            }
            case CHECKER -> (x, y) -> {
                double[] uv = frame.at(x, y);
                return ((long) StrictMath.floor(uv[0]) + (long) StrictMath.floor(uv[1]) & 1) == 0;
            };
            case DOTS -> {
                double radius = rng.uniform(0.22, 0.36);
                yield (x, y) -> {
                    double[] uv = frame.at(x, y);
                    double du = frac(uv[0]) - 0.5;
                    double dv = frac(uv[1]) - 0.5;
                    return du * du + dv * dv < radius * radius;
                };
            }
            case GRID -> {
                double width = rng.uniform(0.16, 0.3);
                yield (x, y) -> {
                    double[] uv = frame.at(x, y);
                    return frac(uv[0]) < width || frac(uv[1]) < width;
                };
            }
            case WAVES -> {
                double amplitude = rng.uniform(0.25, 0.5);
                double wavelength = rng.uniform(1.5, 2.5);
                yield (x, y) -> {
                    double[] uv = frame.at(x, y);
                    return frac(uv[0] + amplitude * StrictMath.sin(2 * StrictMath.PI * uv[1] / wavelength)) < 0.5;
                };
            }
            case BLOBS -> {
                ValueNoise noise = new ValueNoise(rng, period * 0.75);
                yield (x, y) -> noise.at(x, y) > 0.5;
            }
        };
    }

    private static double frac(double v) {
        return v - StrictMath.floor(v);
    }

    /** Maps image coordinates to pattern coordinates (one unit per period). */
    @FunctionalInterface
    private interface Frame {
        double[] at(double x, double y);
    }
}
