package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/**
 * A 32 × 32 RGB drawing surface, supersampled 4 × 4 per pixel so that edges are anti-aliased.
 * Everything is computed in doubles with {@link StrictMath}, so an image depends on its random
 * draws only, never on the JVM.
 */
final class Raster {

    /** Side of the produced image in pixels. */
    static final int SIZE = 32;

    private static final int SUPER = 4;
    private static final int SIDE = SIZE * SUPER;

    private final double[] red = new double[SIDE * SIDE];
    private final double[] green = new double[SIDE * SIDE];
    private final double[] blue = new double[SIDE * SIDE];

    /**
     * Paints the whole surface.
     *
     * @param paint the paint
     */
    void fill(Paint paint) {
        fill(0, 0, SIDE, SIDE, null, paint, 1);
    }

    /**
     * Paints a region.
     *
     * @param region where
     * @param paint the colour at each point
     * @param opacity 1 to cover, less to blend with what is below
     */
    void fill(Region region, Paint paint, double opacity) {
        double[] b = region.bounds();
        int x0 = Math.max(0, (int) StrictMath.floor(b[0] * SUPER));
        int y0 = Math.max(0, (int) StrictMath.floor(b[1] * SUPER));
        int x1 = Math.min(SIDE, (int) StrictMath.ceil(b[2] * SUPER) + 1);
        int y1 = Math.min(SIDE, (int) StrictMath.ceil(b[3] * SUPER) + 1);
        fill(x0, y0, x1, y1, region, paint, opacity);
    }

    /**
     * Paints a region with one colour.
     *
     * @param region where
     * @param colour the colour
     */
    void fill(Region region, Rgb colour) {
        fill(region, Paint.solid(colour), 1);
    }

    private void fill(int x0, int y0, int x1, int y1, Region region, Paint paint, double opacity) {
        for (int sy = y0; sy < y1; sy++) {
            double y = (sy + 0.5) / SUPER;
            for (int sx = x0; sx < x1; sx++) {
                double x = (sx + 0.5) / SUPER;
                if (region == null || region.contains(x, y)) {
                    Rgb c = paint.at(x, y);
                    int i = sy * SIDE + sx;
                    red[i] += (c.r() - red[i]) * opacity;
                    green[i] += (c.g() - green[i]) * opacity;
                    blue[i] += (c.b() - blue[i]) * opacity;
                }
            }
        }
    }

    /**
     * Averages each pixel's samples, adds Gaussian noise per channel and quantises to 8 bits.
     *
     * @param rng the noise generator
     * @param sigma noise standard deviation (0 for none)
     * @return the image, planar RGB
     */
    RgbImage toImage(Rng rng, double sigma) {
        byte[] pixels = new byte[3 * SIZE * SIZE];
        double[][] planes = {red, green, blue};
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = average(planes[c], x, y) + (sigma > 0 ? sigma * rng.gaussian() : 0);
                    pixels[c * SIZE * SIZE + y * SIZE + x] = (byte) (int) StrictMath.floor(
                            Math.min(1, Math.max(0, v)) * 255 + 0.5);
                }
            }
        }
        return new RgbImage(SIZE, SIZE, pixels);
    }

    private static double average(double[] plane, int x, int y) {
        double sum = 0;
        for (int dy = 0; dy < SUPER; dy++) {
            int row = (y * SUPER + dy) * SIDE + x * SUPER;
            for (int dx = 0; dx < SUPER; dx++) {
                sum += plane[row + dx];
            }
        }
        return sum / (SUPER * SUPER);
    }
}
