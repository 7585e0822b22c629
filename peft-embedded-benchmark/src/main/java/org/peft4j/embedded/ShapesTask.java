package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/** Natural: the category of the largest object, among clutter and a smaller distractor. */
final class ShapesTask implements SceneGenerator {

    private static final BuiltInTask TASK = new BuiltInTask("shapes", TaskGroup.NATURAL, Glyph.OBJECTS.length,
            "category of the largest object (circle, square, triangle, plus, ring, ellipse) with random colour, "
                    + "size, position and rotation, over a gradient or smooth-noise background with small blobs "
                    + "and, half of the time, a smaller distractor of another shape");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        double bg = Scenery.background(raster, look, style);
        Scenery.clutter(raster, scene, look, bg, scene.between(2, 5), 2.2);
        if (scene.coin()) {
            Glyph distractor = Glyph.UPSTREAM[scene.nextInt(Glyph.UPSTREAM.length)];
            raster.fill(Region.glyph(distractor, scene.uniform(3, 29), scene.uniform(3, 29), scene.uniform(2.5, 3.8),
                    Scenery.angle(scene)), Scenery.objectColour(look, bg));
        }
        double r = scene.uniform(4.5, 10);
        double margin = r * 0.7;
        raster.fill(Region.glyph(Glyph.OBJECTS[label], scene.uniform(margin, Raster.SIZE - margin),
                scene.uniform(margin, Raster.SIZE - margin), r, Scenery.angle(scene)), Scenery.objectColour(look, bg));
        return raster.toImage(look, style.noise());
    }
}
