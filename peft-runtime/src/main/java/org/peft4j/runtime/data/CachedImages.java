package org.peft4j.runtime.data;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A split's decoded and transformed images, memory-mapped from a verified cache file: {@code size()}
 * images of {@code 3 × imageSize × imageSize} unsigned bytes (CHW) with their labels. Read-only
 * and safe to read from several threads.
 */
public final class CachedImages {

    private final DataSplit split;
    private final Path file;
    private final String key;
    private final int imageSize;
    private final int imageBytes;
    private final List<MappedByteBuffer> regions;
    private final int imagesPerRegion;
    private final int[] labels;
    private final int[] indices;
    private final int decoded;

    CachedImages(DataSplit split, Path file, String key, int imageSize, ImageCacheFile.Contents contents, int decoded) {
        this.split = split;
        this.file = file;
        this.key = key;
        this.imageSize = imageSize;
        this.imageBytes = ImageCacheFile.CHANNELS * imageSize * imageSize;
        this.regions = contents.regions();
        this.imagesPerRegion = contents.imagesPerRegion();
        this.labels = contents.labels();
        this.indices = contents.indices();
        this.decoded = decoded;
    }

    /**
     * What these images are: the SHA-256 of the split's list, the bytes of its images and the
     * transform ({@link ImageCache#key}). Equal keys mean equal inputs to training.
     *
     * @return SHA-256 hex
     */
    public String key() {
        return key;
    }

    /** @return the split the images come from */
    public DataSplit split() {
        return split;
    }

    /** @return the cache file */
    public Path file() {
        return file;
    }

    /** @return number of cached images (fewer than the split's when bad images were skipped) */
    public int size() {
        return labels.length;
    }

    /** @return image side in pixels */
    public int imageSize() {
        return imageSize;
    }

    /** @return bytes per image, {@code 3 × imageSize²} */
    public int imageBytes() {
        return imageBytes;
    }

    /** @return how many images were decoded to produce this cache: 0 when an existing file was used */
    public int decodedImages() {
        return decoded;
    }

    /**
     * @param i cached image index
     * @return its label
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * @param i cached image index
     * @return its position in {@link #split()}'s samples
     */
    public int sampleIndex(int i) {
        return indices[i];
    }

    /**
     * Copies an image's bytes into a buffer.
     *
     * @param i cached image index
     * @param dst destination
     * @param offset byte offset in the destination
     */
    public void copyTo(int i, ByteBuffer dst, int offset) {
        dst.put(offset, regions.get(i / imagesPerRegion), (i % imagesPerRegion) * imageBytes, imageBytes);
    }

    /**
     * @param i cached image index
     * @return the image
     */
    public RgbImage image(int i) {
        byte[] pixels = new byte[imageBytes];
        regions.get(i / imagesPerRegion).get((i % imagesPerRegion) * imageBytes, pixels);
        return new RgbImage(imageSize, imageSize, pixels);
    }
}
