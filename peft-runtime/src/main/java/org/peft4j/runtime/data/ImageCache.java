package org.peft4j.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * Decode once: the first load of a split validates it, decodes and transforms every image and
 * writes a cache file of uint8 pixels and labels (atomically); later loads verify and memory-map
 * that file. The key is the SHA-256 of the split's list content + the transform settings + the
 * format version, so editing the list or changing the size makes a new cache. Changing image files
 * without touching the list is not detected: delete the cache folder then. A cache file that is
 * truncated, corrupt or for another key is rejected (logged) and rebuilt, never used.
 */
public final class ImageCache {

    /** Folder name of the default cache, inside the data set root. */
    public static final String DEFAULT_FOLDER = ".peft4j-cache";

    private static final Logger LOG = LogManager.getLogger(ImageCache.class);

    /**
     * Cache settings.
     *
     * @param directory cache folder, or null for the default: {@code <root>/.peft4j-cache} when the
     *     data set root is writable, else {@code ~/.cache/peft4j/images}
     * @param skipBad log and skip images that cannot be decoded instead of failing
     * @param threads decoding threads for the first pass
     */
    public record Options(Path directory, boolean skipBad, int threads) {

        /** Checks the thread count. */
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("decoding threads must be at least 1, got " + threads);
            }
        }

        /** @return the default folder, no skipping, one thread per core */
        public static Options defaults() {
            return new Options(null, false, Runtime.getRuntime().availableProcessors());
        }

        /**
         * @param dir the cache folder
         * @return a copy with that folder
         */
        public Options withDirectory(Path dir) {
            return new Options(dir, skipBad, threads);
        }

        /**
         * @param skip whether to skip undecodable images
         * @return a copy with that setting
         */
        public Options withSkipBad(boolean skip) {
            return new Options(directory, skip, threads);
        }

        /**
         * @param n decoding threads
         * @return a copy with that count
         */
        public Options withThreads(int n) {
            return new Options(directory, skipBad, n);
        }
    }

    private record Decoded(byte[] pixels, String error) {}

    private ImageCache() {}

    /**
     * Loads a split's images, building the cache on first use.
     *
     * @param split the split
     * @param transform the deterministic transform
     * @param options cache settings
     * @return the mapped images
     * @throws DataValidationException if the split has problems, or images cannot be decoded and
     *     {@code skipBad} is off (every bad image is listed)
     */
    public static CachedImages load(DataSplit split, ImageTransform transform, Options options) {
        SplitValidator.requireNone(SplitValidator.checkStructure(split));
        String key = key(split, transform);
        Path file = cacheFile(split, transform, options, key);
        try {
            try {
                CachedImages cached = new CachedImages(split, file, key, transform.size(),
                        ImageCacheFile.open(file, key, transform.size()), 0);
                if (cached.size() == split.size() || options.skipBad()) {
                    return cached;
                }
                LOG.info("{}: rebuilding, the cache skipped {} bad images and skipBad is off", file,
                        split.size() - cached.size());
            } catch (NoSuchFileException e) {
                LOG.info("{}: no cache yet for split '{}', decoding {} images", file, split.name(), split.size());
            } catch (ImageCacheFile.Rejected e) {
                LOG.warn("{}: rebuilding the image cache: {}", file, e.getMessage());
            }
            build(split, transform, options, key, file);
            return new CachedImages(split, file, key, transform.size(), ImageCacheFile.open(file, key, transform.size()),
                    split.size());
        } catch (ImageCacheFile.Rejected e) {
            throw new IllegalStateException(file + ": the cache just written does not verify (" + e.getMessage()
                    + "); check the disk and delete the file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the image cache: " + e.getMessage(), e);
        }
    }

    /**
     * Where a split's cache file lives: {@code <folder>/<split>-<first 16 hex digits of the key>.p4jc}.
     *
     * @param split the split
     * @param transform the transform
     * @param options cache settings
     * @return the file path
     */
    public static Path cacheFile(DataSplit split, ImageTransform transform, Options options) {
        return cacheFile(split, transform, options, key(split, transform));
    }

    private static Path cacheFile(DataSplit split, ImageTransform transform, Options options, String key) {
        Path dir = options.directory() != null ? options.directory() : defaultDirectory(split.root());
        return dir.resolve(split.name() + "-" + key.substring(0, 16) + ".p4jc");
    }

    /**
     * The cache key.
     *
     * @param split the split (its list and the bytes of its images, {@link ImageContentHash})
     * @param transform the transform settings
     * @return SHA-256 hex of the split's content hash, transform and format version
     */
    public static String key(DataSplit split, ImageTransform transform) {
        return ContentHash.sha256("content=" + ImageContentHash.of(split) + ";" + transform.cacheKey()
                + ";format=" + ImageCacheFile.VERSION);
    }

    private static Path defaultDirectory(Path root) {
        Path inRoot = root.resolve(DEFAULT_FOLDER);
        if (Files.isWritable(root) || Files.isWritable(inRoot)) {
            return inRoot;
        }
        return Path.of(System.getProperty("user.home"), ".cache", "peft4j", "images");
    }

    private static void build(DataSplit split, ImageTransform transform, Options options, String key, Path file) {
        List<DataProblem> bad = new ArrayList<>();
        AtomicFiles.write(file, out -> {
            ImageCacheFile.Writer writer = new ImageCacheFile.Writer(out, key, transform.size());
            OrderedParallel.run(split.size(), options.threads(), i -> decode(split, split.samples().get(i), transform),
                    (i, decoded) -> {
                        Sample sample = split.samples().get(i);
                        if (decoded.pixels() != null) {
                            writer.add(decoded.pixels(), sample.label(), i);
                        } else {
                            bad.add(split.problem(sample, SplitValidator.undecodable(sample, decoded.error())));
                        }
                    });
            if (!bad.isEmpty() && !options.skipBad()) {
                throw new DataValidationException(bad);
            }
            writer.finish();
        });
        bad.forEach(p -> LOG.warn("skipped: {}", p));
        LOG.info("{}: cached {} images of split '{}' ({} skipped)", file, split.size() - bad.size(), split.name(), bad.size());
    }

    private static Decoded decode(DataSplit split, Sample sample, ImageTransform transform) {
        try {
            return new Decoded(transform.apply(ImageDecoder.decode(split.resolve(sample))).pixels(), null);
        } catch (IOException e) {
            return new Decoded(null, e.getMessage());
        }
    }
}
