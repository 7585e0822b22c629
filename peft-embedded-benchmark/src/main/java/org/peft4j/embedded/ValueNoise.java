package org.peft4j.embedded;

/** Smooth random field in [0, 1]: random values on a coarse lattice, interpolated with smoothstep. */
final class ValueNoise {

    private final double[] values;
    private final int cells;
    private final double cellSize;

    /**
     * Draws a field.
     *
     * @param rng the generator
     * @param cellSize lattice spacing in pixels
     */
    ValueNoise(Rng rng, double cellSize) {
        this.cellSize = cellSize;
        this.cells = (int) StrictMath.ceil(Raster.SIZE / cellSize) + 2;
        this.values = new double[cells * cells];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble();
        }
    }

    /**
     * @param x column coordinate in [0, 32)
     * @param y row coordinate in [0, 32)
     * @return the field's value there
     */
    double at(double x, double y) {
        double gx = Math.max(0, x) / cellSize;
        double gy = Math.max(0, y) / cellSize;
        int ix = Math.min((int) gx, cells - 2);
        int iy = Math.min((int) gy, cells - 2);
        double fx = smooth(gx - ix);
        double fy = smooth(gy - iy);
        double top = lerp(values[iy * cells + ix], values[iy * cells + ix + 1], fx);
        double bottom = lerp(values[(iy + 1) * cells + ix], values[(iy + 1) * cells + ix + 1], fx);
        return lerp(top, bottom, fy);
    }

    private static double smooth(double t) {
        double c = Math.min(1, Math.max(0, t));
        return c * c * (3 - 2 * c);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
