package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/**
 * The pretraining task: 8 shapes (none a downstream class) × 4 fills = 32 classes, on varied
 * backgrounds with clutter. Label = shape × 4 + fill.
 */
final class UpstreamTask implements SceneGenerator {

    private static final int FILLS = 4;

    private static final BuiltInTask TASK = new BuiltInTask("upstream", TaskGroup.NATURAL,
            Glyph.UPSTREAM.length * FILLS,
            "shape (star, hexagon, heart, arrow, L, T, crescent, rhombus) x fill (solid, stripes, dots, checker) "
                    + "with random colours, size, position and rotation over gradient, noise or texture backgrounds");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        double bg = Scenery.background(raster, look, style);
        if (scene.nextInt(3) == 0) {
            Textures kind = Textures.values()[scene.nextInt(Textures.values().length)];
            Rgb faint = style.background(look);
            raster.fill(Region.glyph(Glyph.SQUARE, 16, 16, 23, 0),
                    Paint.twoTone(kind.draw(scene, scene.uniform(3, 9)), faint, faint.scale(0.85)), 0.6);
        }
        Scenery.clutter(raster, scene, look, bg, scene.between(0, 4), 2.2);
        double r = scene.uniform(6, 12);
        double margin = r * 0.7;
        Rgb colour = Scenery.objectColour(look, bg);
        Rgb other = Scenery.objectColour(look, colour.luminance());
        Paint fill = switch (label % FILLS) {
            case 0 -> Paint.solid(colour);
            case 1 -> Paint.twoTone(Textures.STRIPES.draw(scene, scene.uniform(2.5, 4)), colour, other);
            case 2 -> Paint.twoTone(Textures.DOTS.draw(scene, scene.uniform(2.5, 4)), colour, other);
            default -> Paint.twoTone(Textures.CHECKER.draw(scene, scene.uniform(2.5, 4)), colour, other);
        };
        raster.fill(Region.glyph(Glyph.UPSTREAM[label / FILLS], scene.uniform(margin, Raster.SIZE - margin),
                scene.uniform(margin, Raster.SIZE - margin), r, Scenery.angle(scene)), fill, 1);
        return raster.toImage(look, style.noise());
    }
}
