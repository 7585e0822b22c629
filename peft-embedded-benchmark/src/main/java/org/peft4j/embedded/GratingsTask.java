package org.peft4j.embedded;

import org.peft4j.runtime.data.RgbImage;

/**
 * Specialised: the spatial frequency of a faint grating in a stained-tissue-like image, as a
 * stand-in for histology and remote-sensing patterns.
 */
final class GratingsTask implements SceneGenerator {

    /** Centre frequencies of the classes, in cycles per image; each class spans ± 0.5. */
    private static final double[] CYCLES = {2, 3, 4, 5, 6};

    private static final BuiltInTask TASK = new BuiltInTask("gratings", TaskGroup.SPECIALIZED, CYCLES.length,
            "frequency band (2, 3, 4, 5, 6 ± 0.5 cycles per image) of a faint grating of random angle and phase "
                    + "on a stained-tissue-like background with nuclei");

    @Override
    public BuiltInTask task() {
        return TASK;
    }

    @Override
    public RgbImage render(int label, Rng scene, Rng look, Look style) {
        Raster raster = new Raster();
        Rgb stain = style == Look.STANDARD
                ? Rgb.hsv(look.uniform(0.90, 0.98), look.uniform(0.15, 0.35), look.uniform(0.8, 0.95))
                : Rgb.hsv(look.uniform(0.55, 0.65), look.uniform(0.25, 0.5), look.uniform(0.6, 0.8));
        Rgb dense = style == Look.STANDARD
                ? Rgb.hsv(look.uniform(0.78, 0.84), look.uniform(0.35, 0.55), look.uniform(0.5, 0.7))
                : Rgb.hsv(look.uniform(0.06, 0.1), look.uniform(0.5, 0.8), look.uniform(0.35, 0.55));
        ValueNoise tissue = new ValueNoise(look, look.uniform(5, 10));
        double density = look.uniform(0.2, 0.6);
        double cycles = CYCLES[label] + scene.uniform(-0.5, 0.5);
        double angle = Scenery.angle(scene);
        double fx = 2 * StrictMath.PI * cycles / Raster.SIZE * StrictMath.cos(angle);
        double fy = 2 * StrictMath.PI * cycles / Raster.SIZE * StrictMath.sin(angle);
        double phase = Scenery.angle(scene);
        double contrast = scene.uniform(0.06, 0.16);
        raster.fill((x, y) -> stain.mix(dense, density * tissue.at(x, y))
                .scale(1 + contrast * StrictMath.sin(fx * x + fy * y + phase)));
        int nuclei = scene.between(6, 14);
        for (int i = 0; i < nuclei; i++) {
            raster.fill(Region.glyph(Glyph.ELLIPSE, scene.uniform(0, Raster.SIZE), scene.uniform(0, Raster.SIZE),
                    scene.uniform(0.9, 1.8), Scenery.angle(scene)), Paint.solid(dense.scale(0.7)), look.uniform(0.5, 0.9));
        }
        return raster.toImage(look, style.noise() + 0.02);
    }
}
