package org.peft4j.eval.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peft4j.runtime.data.ContentHash;
import org.peft4j.runtime.data.ImageDecoder;
import org.peft4j.runtime.data.RgbImage;

/** The generators draw the same pixels for the same keys, on any thread, and depend on every key. */
class SceneGeneratorTest {

    private static final int IMAGES = 24;

    static List<SceneGenerator> generators() {
        return List.of(new ShapesTask(), new TexturesTask(), new GratingsTask(), new LesionsTask(), new CountingTask(),
                new OrientationTask(), new UpstreamTask());
    }

    private static String pixelDigest(SceneSet set) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < IMAGES; i++) {
            all.writeBytes(set.render(i).pixels());
        }
        return ContentHash.sha256(all.toByteArray());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void theSameKeysGiveTheSameBytesAndOtherKeysOthers(SceneGenerator g) {
        SceneSet set = new SceneSet(g, 7, "train", IMAGES, Look.STANDARD);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(PngEncoder.encode(set.render(i)), PngEncoder.encode(set.render(i)), g.task().name() + " " + i);
        }
        String digest = pixelDigest(set);
        assertEquals(digest, pixelDigest(new SceneSet(g, 7, "train", IMAGES, Look.STANDARD)));
        assertNotEquals(digest, pixelDigest(new SceneSet(g, 8, "train", IMAGES, Look.STANDARD)), "another seed");
        assertNotEquals(digest, pixelDigest(new SceneSet(g, 7, "test", IMAGES, Look.STANDARD)), "another part");
        assertNotEquals(digest, pixelDigest(new SceneSet(g, 7, "train", IMAGES, Look.SHIFTED)), "the shifted look");
    }

    /**
     * The built-in sets are pinned: a generator change that alters any pixel must come with a new
     * {@link EmbeddedBenchmark#VERSION} (and a new pin here), so that cached folders regenerate.
     */
    @Test
    void theBuiltInImagesArePinnedToTheVersion() {
        assertEquals(1, EmbeddedBenchmark.VERSION, "update the pins below when the version changes");
        String[] expected = {
            "PIN_SHAPES", "PIN_TEXTURES", "PIN_GRATINGS", "PIN_LESIONS", "PIN_COUNTING", "PIN_ORIENTATION", "PIN_UPSTREAM"};
        List<SceneGenerator> all = generators();
        StringBuilder actual = new StringBuilder();
        for (int t = 0; t < all.size(); t++) {
            actual.append(all.get(t).task().name()).append(' ')
                    .append(pixelDigest(new SceneSet(all.get(t), EmbeddedBenchmark.SEED, "train", IMAGES, Look.STANDARD)))
                    .append('\n');
        }
        StringBuilder pinned = new StringBuilder();
        for (int t = 0; t < all.size(); t++) {
            pinned.append(all.get(t).task().name()).append(' ').append(expected[t]).append('\n');
        }
        assertEquals(pinned.toString(), actual.toString());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void labelsCycleThroughTheClassesAndTheShiftedLookKeepsTheScene(SceneGenerator g) {
        int classes = g.task().classes();
        SceneSet standard = new SceneSet(g, 3, "test", 3 * classes, Look.STANDARD);
        SceneSet shifted = new SceneSet(g, 3, "test", 3 * classes, Look.SHIFTED);
        for (int i = 0; i < 3 * classes; i++) {
            assertEquals(i % classes, standard.label(i));
            assertEquals(standard.label(i), shifted.label(i));
        }
        RgbImage a = standard.render(0);
        RgbImage b = shifted.render(0);
        assertEquals(32, a.width());
        assertEquals(32, a.height());
        assertFalse(java.util.Arrays.equals(a.pixels(), b.pixels()));
        assertTrue(meanAbsoluteDifference(a, b) > 10, g.task().name() + ": the shift changes the appearance clearly, "
                + meanAbsoluteDifference(a, b));
    }

    @Test
    void pngFilesDecodeToTheRenderedPixels(@TempDir Path dir) throws Exception {
        SceneSet set = new SceneSet(new ShapesTask(), 1, "train", 5, Look.STANDARD);
        set.write(dir, 0, 5);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(set.render(i).pixels(), ImageDecoder.decode(dir.resolve(set.path(i))).pixels());
        }
        assertEquals("images/train/00003.png 3\nimages/train/00004.png 4\n", set.list(3, 5, " "));
    }

    @Test
    void theThreadCountDoesNotChangeTheFiles(@TempDir Path dir) throws Exception {
        SceneSet set = new SceneSet(new TexturesTask(), 5, "train", 450, Look.STANDARD);
        ParallelWriter.write(List.of(new ParallelWriter.Placement(set, dir.resolve("one"))), 1);
        ParallelWriter.write(List.of(new ParallelWriter.Placement(set, dir.resolve("three"))), 3);
        for (int i = 0; i < set.size(); i += 37) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(set.path(i))),
                    Files.readAllBytes(dir.resolve("three").resolve(set.path(i))), set.path(i));
        }
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }
}
