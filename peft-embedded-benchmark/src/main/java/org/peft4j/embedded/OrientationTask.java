package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/** Structured: the orientation of a bar, in eight bins of 22.5° over a half turn. */
final class OrientationTask implements SceneGenerator {

    private static final int BINS = 8;

    private static final BuiltInTask TASK = new BuiltInTask("orientation", TaskGroup.STRUCTURED, BINS,
            "orientation bin (8 bins of 22.5 degrees over 0-180) of a bar of random length (14-22 px), width, "
                    + "colour and position, among round blobs");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        double bg = Scenery.background(raster, look, style);
        Scenery.clutter(raster, scene, look, bg, scene.between(2, 4), 2);
        double angle = (label + scene.nextDouble()) * StrictMath.PI / BINS;
        double half = scene.uniform(7, 11);
        double cx = scene.uniform(10, 22);
        double cy = scene.uniform(10, 22);
        double dx = half * StrictMath.cos(angle);
        double dy = half * StrictMath.sin(angle);
        raster.fill(Region.stroke(new double[] {cx - dx, cx + dx}, new double[] {cy - dy, cy + dy},
                scene.uniform(1.1, 2.2)), Scenery.objectColour(look, bg));
        return raster.toImage(look, style.noise());
    }
}
