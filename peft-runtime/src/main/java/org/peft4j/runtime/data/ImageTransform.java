package org.peft4j.runtime.data;

/**
 * The deterministic part of the input pipeline, applied once per image before caching: decoded RGB
 * to a {@code size × size} image with PIL-exact bicubic resampling ({@link BicubicResampler}).
 *
 * @param mode how the image is brought to the square size
 * @param size output side in pixels (the model input size)
 * @param resizeShorter for {@link Mode#SHORTER_SIDE_CENTER_CROP}: the shorter side before the
 *     crop (e.g. 256 for a 224 crop); equal to {@code size} for {@link Mode#STRETCH}
 */
public record ImageTransform(Mode mode, int size, int resizeShorter) {

    /** How an image becomes square. */
    public enum Mode {
        /** Resize both sides to the size, aspect ratio not kept (processed VTAB-1K, docs/methods.md#transforms). */
        STRETCH,
        /**
         * Resize the shorter side to {@code resizeShorter} keeping the aspect ratio (the longer
         * side truncated as torchvision does), then crop the centre square (the many-shot evaluation
         * transform, docs/methods.md#many-shot).
         */
        SHORTER_SIDE_CENTER_CROP
    }

    /** Checks the sizes. */
    public ImageTransform {
        if (size < 1) {
            throw new IllegalArgumentException("the image size must be positive, got " + size);
        }
        if (mode == Mode.STRETCH && resizeShorter != size
                || mode == Mode.SHORTER_SIDE_CENTER_CROP && resizeShorter < size) {
            throw new IllegalArgumentException("resize side " + resizeShorter + " does not fit " + mode
                    + " to " + size + " px (it must equal the size for STRETCH and be at least the size for a crop)");
        }
    }

    /**
     * The processed VTAB-1K transform: both sides to {@code size}, bicubic.
     *
     * @param size output side
     * @return the transform
     */
    public static ImageTransform stretch(int size) {
        return new ImageTransform(Mode.STRETCH, size, size);
    }

    /**
     * Shorter side to {@code resizeShorter}, then a centred {@code size × size} crop.
     *
     * @param size crop side
     * @param resizeShorter shorter side before the crop, at least {@code size}
     * @return the transform
     */
    public static ImageTransform centerCrop(int size, int resizeShorter) {
        return new ImageTransform(Mode.SHORTER_SIDE_CENTER_CROP, size, resizeShorter);
    }

    /**
     * Applies the transform.
     *
     * @param image decoded RGB
     * @return a {@code size × size} image
     */
    public RgbImage apply(RgbImage image) {
        if (mode == Mode.STRETCH) {
            return BicubicResampler.resize(image, size, size);
        }
        int w = image.width();
        int h = image.height();
        int newW = w <= h ? resizeShorter : (int) ((long) resizeShorter * w / h);
        int newH = w <= h ? (int) ((long) resizeShorter * h / w) : resizeShorter;
        RgbImage resized = BicubicResampler.resize(image, newW, newH);
        int top = (int) Math.rint((newH - size) / 2.0);
        int left = (int) Math.rint((newW - size) / 2.0);
        return resized.crop(left, top, size, size);
    }

    /** @return a string naming every setting that changes the cached pixels */
    public String cacheKey() {
        return "mode=" + mode + ";size=" + size + ";shorter=" + resizeShorter + ";resample=pil-bicubic-a-0.5;rgb8";
    }
}
