package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/** Structured: how many objects the image holds (1 to 6), placed without overlap. */
final class CountingTask implements SceneGenerator {

    private static final Glyph[] KINDS = {Glyph.CIRCLE, Glyph.SQUARE, Glyph.TRIANGLE};

    private static final BuiltInTask TASK = new BuiltInTask("counting", TaskGroup.STRUCTURED, 6,
            "number of objects, 1-6 (label = count - 1): circles, squares and triangles of random colour, "
                    + "size (radius 2-3.5 px) and position, not overlapping");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        double bg = Scenery.background(raster, look, style);
        int count = label + 1;
        double[] xs = new double[count];
        double[] ys = new double[count];
        double[] rs = new double[count];
        for (int i = 0; i < count; i++) {
            rs[i] = scene.uniform(2, 3.5);
            do {
                xs[i] = scene.uniform(rs[i] + 0.5, Raster.SIZE - rs[i] - 0.5);
                ys[i] = scene.uniform(rs[i] + 0.5, Raster.SIZE - rs[i] - 0.5);
            } while (overlaps(xs, ys, rs, i));
            raster.fill(Region.glyph(KINDS[scene.nextInt(KINDS.length)], xs[i], ys[i], rs[i], Scenery.angle(scene)),
                    Scenery.objectColour(look, bg));
        }
        return raster.toImage(look, style.noise());
    }

    private static boolean overlaps(double[] xs, double[] ys, double[] rs, int n) {
        for (int j = 0; j < n; j++) {
            double gap = rs[j] + rs[n] + 1;
            double dx = xs[j] - xs[n];
            double dy = ys[j] - ys[n];
            if (dx * dx + dy * dy < gap * gap) {
                return true;
            }
        }
        return false;
    }
}
