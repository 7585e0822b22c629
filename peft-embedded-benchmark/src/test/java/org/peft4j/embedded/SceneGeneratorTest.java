package org.peft4j.embedded;

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
     * The built-in sets are pinned (digest of the first training images and the first shifted test
     * images): a generator change that alters any pixel must come with a new
     * {@link EmbeddedBenchmark#VERSION} (and new pins here), so that cached folders regenerate.
     */
    @Test
    void theBuiltInImagesArePinnedToTheVersion() {
        assertEquals(2, EmbeddedBenchmark.VERSION, "update the pins below when the version changes");
        String pinned = """
                shapes 0765636b9b43b8babb7882a56e06d8c81b624e19d24627b757e7e0b24791f466
                textures cb14d70313b853c379fd3db9152a6080ca1359debc21cb0aed454dcbbcc17fb4
                gratings 7422b8e03bf6fe8127ccc521a9ba3c41719a183208ddaf4bfb4f87469b25dd0b
                lesions 3089924385214140057885c2aeec575b3108da0c38d792c2ecdc3994f9f11194
                counting 53a33fea29d1075eb40345cbb0a3b2195e963fc842e48cddb928e32b67084a7f
                orientation 1bdeba56b11f3f51ac83009d7cbbfe2aefbf99e74953e6aef61300fdbece092a
                upstream 57a9431cba7d0c401e124830bc1c53f3b2236fd8510938a77bff6d768a29b6d8
                """;
        StringBuilder actual = new StringBuilder();
        for (SceneGenerator g : generators()) {
            String digest = ContentHash.sha256(pixelDigest(new SceneSet(g, EmbeddedBenchmark.SEED, "train", IMAGES,
                    Look.STANDARD)) + pixelDigest(new SceneSet(g, EmbeddedBenchmark.SEED, "test", IMAGES, Look.SHIFTED)));
            actual.append(g.task().name()).append(' ').append(digest).append('\n');
        }
        assertEquals(pinned, actual.toString());
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
