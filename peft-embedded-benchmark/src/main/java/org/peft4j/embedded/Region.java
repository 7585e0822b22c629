package org.peft4j.embedded;

/** An area of the image plane, in pixel units (x right, y down, the image spans [0, 32)). */
interface Region {

    /**
     * @param x column coordinate
     * @param y row coordinate
     * @return whether the point is inside
     */
    boolean contains(double x, double y);

    /** @return {minX, minY, maxX, maxY}, a box holding the whole region */
    double[] bounds();

    /**
     * A glyph centred at (cx, cy), scaled to a radius and rotated.
     *
     * @param glyph the outline
     * @param cx centre column
     * @param cy centre row
     * @param radius pixels per glyph unit
     * @param angle rotation in radians
     * @return the region
     */
    static Region glyph(Glyph glyph, double cx, double cy, double radius, double angle) {
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double reach = radius * Glyph.REACH;
        double[] box = {cx - reach, cy - reach, cx + reach, cy + reach};
        return new Region() {
            @Override
            public boolean contains(double x, double y) {
                double dx = x - cx;
                double dy = y - cy;
                return glyph.contains((dx * cos + dy * sin) / radius, (dy * cos - dx * sin) / radius);
            }

            @Override
            public double[] bounds() {
                return box;
            }
        };
    }

    /**
     * A thick polyline: the points within {@code halfWidth} of any of its segments.
     *
     * @param xs vertex columns
     * @param ys vertex rows
     * @param halfWidth half the stroke width
     * @return the region
     */
    static Region stroke(double[] xs, double[] ys, double halfWidth) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xs.length; i++) {
            box[0] = Math.min(box[0], xs[i] - halfWidth);
            box[1] = Math.min(box[1], ys[i] - halfWidth);
            box[2] = Math.max(box[2], xs[i] + halfWidth);
            box[3] = Math.max(box[3], ys[i] + halfWidth);
        }
        double limit = halfWidth * halfWidth;
        return new Region() {
            @Override
            public boolean contains(double x, double y) {
                for (int i = 0; i + 1 < xs.length; i++) {
                    if (squaredDistance(x, y, xs[i], ys[i], xs[i + 1], ys[i + 1]) <= limit) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public double[] bounds() {
                return box;
            }
        };
    }

    private static double squaredDistance(double x, double y, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = dx * dx + dy * dy;
        double t = length == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length));
        double ex = x - x0 - t * dx;
        double ey = y - y0 - t * dy;
        return ex * ex + ey * ey;
    }
}
