package org.peft4j.runtime.data;

import org.peft4j.runtime.train.Batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded shuffling, drop_last, tensor values, normalisation, bounded prefetch and freeing. */
class BatchLoaderTest {

    private static final int SIZE = 8;

    @TempDir
    Path dir;

    private NDManager manager;
    private CachedImages images;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager(Device.cpu());
        Path task = TestImages.vtabTask(dir.resolve("task"), 11, 1, 1, 3);
        images = ImageCache.load(VtabDataset.open(task).split("train800"), ImageTransform.stretch(SIZE),
                ImageCache.Options.defaults().withDirectory(dir.resolve("cache")).withThreads(2));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Takes every batch of an epoch, returning (labels, first pixel value) per batch. */
    private List<float[]> drain(BatchLoader loader, int epoch) {
        List<float[]> out = new ArrayList<>();
        try (BatchStream stream = loader.epoch(epoch, manager)) {
            while (stream.hasNext()) {
                try (Batch b = stream.next()) {
                    out.add(b.images().toFloatArray());
                }
            }
        }
        return out;
    }

    @Test
    void shuffleIsSeededAndDeterministic() {
        BatchLoader a = new BatchLoader(images, LoaderOptions.training(4, 42));
        BatchLoader b = new BatchLoader(images, LoaderOptions.training(4, 42));
        assertArrayEquals(a.order(0), b.order(0));
        assertArrayEquals(a.order(5), b.order(5));
        assertFalse(Arrays.equals(a.order(0), a.order(1)), "each epoch has its own order");
        assertFalse(Arrays.equals(a.order(0), new BatchLoader(images, LoaderOptions.training(4, 43)).order(0)));
        int[] sorted = a.order(3).clone();
        Arrays.sort(sorted);
        assertArrayEquals(new BatchLoader(images, LoaderOptions.evaluation(4)).order(3), sorted, "a permutation");
        List<float[]> first = drain(a, 2);
        List<float[]> second = drain(b, 2);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
    }

    @Test
    void dropLastForTrainingAndEveryImageInOrderForEvaluation() {
        BatchLoader train = new BatchLoader(images, LoaderOptions.training(4, 1));
        assertEquals(2, train.batchesPerEpoch());
        List<Integer> sizes = new ArrayList<>();
        try (BatchStream s = train.epoch(0, manager)) {
            s.forEachRemaining(batch -> {
                sizes.add(batch.size());
                batch.close();
            });
        }
        assertEquals(List.of(4, 4), sizes);

        BatchLoader eval = new BatchLoader(images, LoaderOptions.evaluation(4));
        assertEquals(3, eval.batchesPerEpoch());
        List<Integer> seen = new ArrayList<>();
        try (BatchStream s = eval.epoch(7, manager)) {
            while (s.hasNext()) {
                try (Batch batch = s.next()) {
                    Arrays.stream(batch.indices()).forEach(seen::add);
                }
            }
            assertThrows(NoSuchElementException.class, s::next);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), seen);
        assertEquals(3, new BatchLoader(images, LoaderOptions.training(4, 1).withDropLast(false)).batchesPerEpoch());
    }

    @Test
    void batchHoldsPixelsOver255AndInt64Labels() {
        try (BatchStream s = new BatchLoader(images, LoaderOptions.training(4, 9)).epoch(0, manager);
                Batch batch = s.next()) {
            assertEquals(new Shape(4, 3, SIZE, SIZE), batch.images().getShape());
            assertEquals(DataType.FLOAT32, batch.images().getDataType());
            assertEquals(DataType.INT64, batch.labels().getDataType());
            float[] x = batch.images().toFloatArray();
            long[] labels = batch.labels().toLongArray();
            int[] samples = batch.indices();
            int bytes = images.imageBytes();
            for (int b = 0; b < 4; b++) {
                byte[] px = images.image(samples[b]).pixels();
                for (int k = 0; k < bytes; k++) {
                    assertEquals((px[k] & 0xFF) / 255f, x[b * bytes + k], 1e-7f);
                }
                assertEquals(samples[b] % 3, labels[b]);
            }
        }
    }

    @Test
    void normalisationPresets() {
        for (Normalization n : Normalization.values()) {
            LoaderOptions options = LoaderOptions.evaluation(2).withNormalization(n);
            try (BatchStream s = new BatchLoader(images, options).epoch(0, manager); Batch batch = s.next()) {
                float[] x = batch.images().toFloatArray();
                byte[] px = images.image(1).pixels();
                int plane = SIZE * SIZE;
                for (int k = 0; k < 3 * plane; k++) {
                    int c = k / plane;
                    float expected = ((px[k] & 0xFF) / 255f - n.mean(c)) / n.std(c);
                    assertEquals(expected, x[images.imageBytes() + k], 1e-5f, n + " value " + k);
                }
            }
        }
        assertEquals(Normalization.INCEPTION, Normalization.parse("Inception"));
        assertEquals(Normalization.CLIP, Normalization.parse("clip"));
        assertThrows(IllegalArgumentException.class, () -> Normalization.parse("sepia"));
    }

    @Test
    void prefetchIsBoundedAndClosingFreesEverything() throws Exception {
        BatchLoader loader = new BatchLoader(images, LoaderOptions.evaluation(1).withPrefetch(2));
        try (BatchStream s = loader.epoch(0, manager)) {
            waitForBuilt(s, 3);
            Thread.sleep(200);
            assertEquals(3, s.built(), "2 queued + 1 waiting for room, nothing more");
            s.next().close();
            waitForBuilt(s, 4);
            Thread.sleep(200);
            assertEquals(4, s.built());
            assertFalse(manager.getManagedArrays().isEmpty());
        }
        assertTrue(manager.getManagedArrays().isEmpty(), "closing the stream frees the prepared batches");
    }

    @Test
    void takenBatchesAreFreedByTheirOwner() {
        BatchStream s = new BatchLoader(images, LoaderOptions.evaluation(4)).epoch(0, manager);
        Batch kept = s.next();
        s.close();
        assertEquals(2, manager.getManagedArrays().size(), "only the taken batch's images and labels");
        kept.close();
        assertTrue(manager.getManagedArrays().isEmpty());
    }

    @Test
    void augmentationIsSeededAndKeepsTheShape() {
        LoaderOptions options = LoaderOptions.training(4, 5).withAugmentation(Augmentation.manyShot());
        List<float[]> a = drain(new BatchLoader(images, options), 0);
        List<float[]> b = drain(new BatchLoader(images, options), 0);
        List<float[]> plain = drain(new BatchLoader(images, LoaderOptions.training(4, 5)), 0);
        assertEquals(2, a.size());
        assertArrayEquals(a.get(0), b.get(0));
        assertEquals(4 * images.imageBytes(), a.get(0).length);
        assertFalse(Arrays.equals(a.get(0), plain.get(0)), "augmented images differ from the cached ones");
        assertNotEquals(Arrays.hashCode(a.get(0)), Arrays.hashCode(drain(new BatchLoader(images, options), 1).get(0)));
    }

    @Test
    void flipsGiveEachOfTheFourMirrorImages() {
        RgbImage img = images.image(0);
        Augmentation flips = new Augmentation(false, 1, 1, true, true);
        Set<Integer> variants = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            RgbImage out = flips.apply(img, new SplittableRandom(seed));
            int matched = -1;
            for (int v = 0; v < 4 && matched < 0; v++) {
                if (Arrays.equals(mirror(img, (v & 1) != 0, (v & 2) != 0), out.pixels())) {
                    matched = v;
                }
            }
            assertTrue(matched >= 0, "seed " + seed + " gives no mirror image");
            variants.add(matched);
        }
        assertEquals(4, variants.size(), "identity, left-right, top-bottom and both all occur");
    }

    private static byte[] mirror(RgbImage img, boolean horizontal, boolean vertical) {
        int w = img.width();
        int h = img.height();
        byte[] out = new byte[img.pixels().length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = (byte) img.get(c, horizontal ? w - 1 - x : x, vertical ? h - 1 - y : y);
                }
            }
        }
        return out;
    }

    private static void waitForBuilt(BatchStream s, int n) throws InterruptedException {
        for (int i = 0; i < 500 && s.built() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, s.built());
    }
}
