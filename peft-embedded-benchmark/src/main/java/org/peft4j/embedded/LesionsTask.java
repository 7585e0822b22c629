package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/**
 * Specialised: a severity grade from the number and size of small lesions in a fundus-like image,
 * as a stand-in for retinopathy grading.
 */
final class LesionsTask implements SceneGenerator {

    /** Lesion counts per grade, inclusive ranges that overlap between neighbours. */
    private static final int[][] COUNTS = {{0, 0}, {2, 4}, {5, 8}, {9, 14}};

    /** Largest lesion radius per grade, in pixels. */
    private static final double[] MAX_RADIUS = {0, 1.2, 1.5, 2.0};

    private static final BuiltInTask TASK = new BuiltInTask("lesions", TaskGroup.SPECIALIZED, COUNTS.length,
            "severity grade 0-3 from the number (0, 2-4, 5-8, 9-14) and size of dark and pale spots in a "
                    + "fundus-like disc with an optic disc and vessels");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        Rgb retina = style == Look.STANDARD
                ? Rgb.hsv(look.uniform(0.02, 0.07), look.uniform(0.65, 0.85), look.uniform(0.6, 0.85))
                : Rgb.hsv(look.uniform(0.1, 0.16), look.uniform(0.35, 0.6), look.uniform(0.45, 0.65));
        double cx = 16 + scene.uniform(-1, 1);
        double cy = 16 + scene.uniform(-1, 1);
        double radius = scene.uniform(13.5, 15.5);
        raster.fill(Paint.solid(Rgb.BLACK));
        ValueNoise shading = new ValueNoise(look, 8);
        raster.fill(Region.glyph(Glyph.CIRCLE, cx, cy, radius / 0.9, 0), (x, y) -> {
            double d = StrictMath.hypot(x - cx, y - cy) / radius;
            return retina.scale((1 - 0.45 * d * d) * (0.9 + 0.2 * shading.at(x, y)));
        }, 1);
        double discAngle = Scenery.angle(scene);
        double discDistance = radius * scene.uniform(0.45, 0.65);
        raster.fill(Region.glyph(Glyph.CIRCLE, cx + discDistance * StrictMath.cos(discAngle),
                cy + discDistance * StrictMath.sin(discAngle), scene.uniform(2.6, 3.6), 0),
                Paint.solid(retina.mix(new Rgb(1, 0.95, 0.7), 0.7)), 0.9);
        drawVessels(raster, scene, retina, cx, cy, radius);
        int lesions = scene.between(COUNTS[label][0], COUNTS[label][1]);
        for (int i = 0; i < lesions; i++) {
            double a = Scenery.angle(scene);
            double d = radius * 0.85 * StrictMath.sqrt(scene.nextDouble());
            Rgb spot = scene.coin() ? retina.scale(0.3) : retina.mix(new Rgb(1, 0.95, 0.55), 0.6);
            raster.fill(Region.glyph(Glyph.CIRCLE, cx + d * StrictMath.cos(a), cy + d * StrictMath.sin(a),
                    scene.uniform(0.6, MAX_RADIUS[label]) / 0.9, 0), Paint.solid(spot), look.uniform(0.85, 1));
        }
        return raster.toImage(look, style.noise());
    }

    private static void drawVessels(Raster raster, Rng scene, Rgb retina, double cx, double cy, double radius) {
        int vessels = scene.between(3, 5);
        for (int v = 0; v < vessels; v++) {
            double start = Scenery.angle(scene);
            double bend = scene.uniform(-0.6, 0.6);
            int points = 8;
            double[] xs = new double[points];
            double[] ys = new double[points];
            for (int k = 0; k < points; k++) {
                double t = (double) k / (points - 1);
                double a = start + bend * t;
                double d = radius * (0.1 + 0.85 * t);
                xs[k] = cx + d * StrictMath.cos(a);
                ys[k] = cy + d * StrictMath.sin(a);
            }
            raster.fill(Region.stroke(xs, ys, scene.uniform(0.35, 0.6)), Paint.solid(retina.scale(0.55)), 0.8);
        }
    }
}
