package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/** Natural: the kind of texture filling the image, with random scale, colours and an occluder. */
final class TexturesTask implements SceneGenerator {

    private static final BuiltInTask TASK = new BuiltInTask("textures", TaskGroup.NATURAL, Textures.values().length,
            "texture kind (stripes, checker, dots, grid, waves, blobs) with random period (3.5-8 px), angle, phase, "
                    + "two colours of random contrast and, half of the time, an occluding object");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        Rgb first = style.background(look);
        Rgb second = first.mix(Scenery.objectColour(look, first.luminance()), look.uniform(0.45, 1));
        raster.fill(Paint.twoTone(Textures.values()[label].draw(scene, scene.uniform(3.5, 8)), first, second));
        if (scene.coin()) {
            raster.fill(Region.glyph(Glyph.OBJECTS[scene.nextInt(Glyph.OBJECTS.length)], scene.uniform(4, 28),
                    scene.uniform(4, 28), scene.uniform(3, 6.5), Scenery.angle(scene)), Scenery.objectColour(look, first.luminance()));
        }
        return raster.toImage(look, style.noise());
    }
}
