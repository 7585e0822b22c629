package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decode once, then memory-map; damaged caches are rebuilt; the key follows the list. */
class ImageCacheTest {

    private static final ImageTransform SIZE_16 = ImageTransform.stretch(16);

    @TempDir
    Path dir;

    private Path task;
    private ImageCache.Options options;

    @BeforeEach
    void setUp() {
        task = TestImages.vtabTask(dir.resolve("task"), 6, 2, 3, 3);
        options = ImageCache.Options.defaults().withDirectory(dir.resolve("cache")).withThreads(2);
    }

    private DataSplit train() {
        return VtabDataset.open(task).split("train800");
    }

    private void assertHoldsTheTransformedImages(CachedImages cached) throws Exception {
        DataSplit split = cached.split();
        for (int i = 0; i < cached.size(); i++) {
            Sample s = split.samples().get(cached.sampleIndex(i));
            RgbImage expected = SIZE_16.apply(ImageDecoder.decode(split.resolve(s)));
            assertArrayEquals(expected.pixels(), cached.image(i).pixels(), "image " + i);
            assertEquals(s.label(), cached.label(i));
        }
    }

    @Test
    void secondLoadUsesTheCacheWithoutDecoding() throws Exception {
        CachedImages first = ImageCache.load(train(), SIZE_16, options);
        assertEquals(6, first.decodedImages());
        assertEquals(6, first.size());
        assertEquals(16, first.imageSize());
        assertTrue(Files.isRegularFile(first.file()));
        assertEquals(128 + 6 * (3 * 16 * 16 + 8) + 24, Files.size(first.file()));
        long modified = Files.getLastModifiedTime(first.file()).toMillis();
        CachedImages second = ImageCache.load(train(), SIZE_16, options);
        assertEquals(0, second.decodedImages());
        assertEquals(first.file(), second.file());
        assertEquals(modified, Files.getLastModifiedTime(second.file()).toMillis());
        assertHoldsTheTransformedImages(second);
    }

    @Test
    void corruptedCacheIsDetectedAndRebuilt() throws Exception {
        Path file = ImageCache.load(train(), SIZE_16, options).file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(128 + 1000);
            int b = raf.read();
            raf.seek(128 + 1000);
            raf.write(b ^ 0x5A);
        }
        CachedImages rebuilt = ImageCache.load(train(), SIZE_16, options);
        assertEquals(6, rebuilt.decodedImages());
        assertHoldsTheTransformedImages(rebuilt);
    }

    @Test
    void truncatedOrForeignCacheIsRebuilt() throws Exception {
        Path file = ImageCache.load(train(), SIZE_16, options).file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        assertEquals(6, ImageCache.load(train(), SIZE_16, options).decodedImages());
        Files.write(file, "garbage".getBytes());
        assertEquals(6, ImageCache.load(train(), SIZE_16, options).decodedImages());
        assertEquals(0, ImageCache.load(train(), SIZE_16, options).decodedImages());
    }

    @Test
    void keyChangesWithTheListAndTheTransform() {
        Path before = ImageCache.cacheFile(train(), SIZE_16, options);
        assertNotEquals(before, ImageCache.cacheFile(train(), ImageTransform.stretch(32), options));
        assertNotEquals(before, ImageCache.cacheFile(train(), ImageTransform.centerCrop(16, 18), options));
        assertEquals(before, ImageCache.cacheFile(train(), SIZE_16, options));
        ImageCache.load(train(), SIZE_16, options);
        TestImages.writeText(task.resolve("train800.txt"), "images/0.png 0\nimages/1.png 1\n");
        Path after = ImageCache.cacheFile(train(), SIZE_16, options);
        assertNotEquals(before, after);
        CachedImages reloaded = ImageCache.load(train(), SIZE_16, options);
        assertEquals(2, reloaded.decodedImages());
        assertEquals(2, reloaded.size());
    }

    @Test
    void anImageReplacedUnderTheSameNameIsDecodedAgain() throws Exception {
        CachedImages first = ImageCache.load(train(), SIZE_16, options);
        assertEquals(first.key(), ImageCache.load(train(), SIZE_16, options).key());
        Path image = task.resolve(train().samples().get(0).path());
        byte[] other = Files.readAllBytes(task.resolve(train().samples().get(1).path()));
        Files.write(image, other);
        CachedImages second = ImageCache.load(train(), SIZE_16, options);
        assertNotEquals(first.key(), second.key(), "the list file is unchanged, the image bytes are not");
        assertEquals(train().size(), second.decodedImages(), "the stale cache is not reused");
    }

    @Test
    void defaultFolderIsInsideTheDataSet() {
        CachedImages cached = ImageCache.load(train(), SIZE_16, ImageCache.Options.defaults().withThreads(1));
        assertEquals(task.resolve(ImageCache.DEFAULT_FOLDER), cached.file().getParent());
    }

    @Test
    void undecodableImagesFailWithEveryLineUnlessSkipped() throws Exception {
        Files.write(task.resolve("images/bad1.png"), new byte[] {1, 2, 3});
        Files.write(task.resolve("images/bad2.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
        TestImages.writeText(task.resolve("train800.txt"),
                "images/0.png 0\nimages/bad1.png 1\nimages/1.png 1\nimages/bad2.jpg 2\n");
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> ImageCache.load(train(), SIZE_16, options));
        assertEquals(2, e.problems().size());
        assertEquals(2, e.problems().get(0).line());
        assertEquals(4, e.problems().get(1).line());
        assertFalse(Files.exists(ImageCache.cacheFile(train(), SIZE_16, options)), "no cache is left behind");

        CachedImages skipped = ImageCache.load(train(), SIZE_16, options.withSkipBad(true));
        assertEquals(2, skipped.size());
        assertEquals(0, skipped.sampleIndex(0));
        assertEquals(2, skipped.sampleIndex(1));
        assertEquals(1, skipped.label(1));
        assertEquals(0, ImageCache.load(train(), SIZE_16, options.withSkipBad(true)).decodedImages());
        // without skipBad the partial cache is not accepted
        assertThrows(DataValidationException.class, () -> ImageCache.load(train(), SIZE_16, options));
    }

    @Test
    void structuralProblemsFailBeforeAnyDecoding() {
        TestImages.writeText(task.resolve("train800.txt"), "images/0.png 0\nimages/missing.png 1\n");
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> ImageCache.load(train(), SIZE_16, options));
        assertTrue(e.getMessage().contains("train800.txt line 2: the image 'images/missing.png' does not exist"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache")));
    }
}
