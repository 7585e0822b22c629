package org.peft4j.runtime.data;

import java.util.SplittableRandom;

/**
 * Light training augmentation for many-shot runs (docs/methods.md#many-shot): torchvision's
 * {@code RandomResizedCrop} (area scale range, aspect ratio 3/4..4/3, 10 tries then a centre-crop
 * fallback, bicubic resize) followed by horizontal and optionally vertical flips with probability
 * 0.5. It is applied per sample and epoch to the cached image, whose side it keeps; so, unlike the
 * reference, the crop is taken from the already resized image rather than the original. Random
 * draws come from the given generator ({@link java.util.SplittableRandom}), not torch's.
 *
 * @param randomResizedCrop whether to crop a random area and resize it back
 * @param minScale smallest crop area as a fraction of the image
 * @param maxScale largest crop area as a fraction of the image
 * @param horizontalFlip whether to mirror left-right with probability 0.5
 * @param verticalFlip whether to mirror top-bottom with probability 0.5
 */
public record Augmentation(boolean randomResizedCrop, double minScale, double maxScale,
        boolean horizontalFlip, boolean verticalFlip) {

    /** No augmentation (VTAB-1K, evaluation). */
    public static final Augmentation NONE = new Augmentation(false, 1, 1, false, false);

    private static final double LOG_MIN_RATIO = Math.log(3.0 / 4.0);
    private static final double LOG_MAX_RATIO = Math.log(4.0 / 3.0);
    private static final int TRIES = 10;

    /** Checks the scale range. */
    public Augmentation {
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("the crop scale range must satisfy 0 < min <= max <= 1, got ("
                    + minScale + ", " + maxScale + ")");
        }
    }

    /**
     * The many-shot training augmentation: random resized crop with scale (0.08, 1) and a
     * horizontal flip (RESISC also flips vertically: {@link #withVerticalFlip()}).
     *
     * @return the augmentation
     */
    public static Augmentation manyShot() {
        return new Augmentation(true, 0.08, 1.0, true, false);
    }

    /** @return this augmentation with a vertical flip added */
    public Augmentation withVerticalFlip() {
        return new Augmentation(randomResizedCrop, minScale, maxScale, horizontalFlip, true);
    }

    /** @return whether the augmentation changes anything */
    public boolean isIdentity() {
        return !randomResizedCrop && !horizontalFlip && !verticalFlip;
    }

    /**
     * Augments one image.
     *
     * @param image the cached image
     * @param random the sample's generator
     * @return an image of the same size
     */
    public RgbImage apply(RgbImage image, SplittableRandom random) {
        RgbImage out = image;
        if (randomResizedCrop) {
            int[] box = cropBox(image.width(), image.height(), random);
            out = BicubicResampler.resize(image.crop(box[0], box[1], box[2], box[3]), image.width(), image.height());
        }
        if (horizontalFlip && random.nextDouble() < 0.5) {
            out = flip(out, true);
        }
        if (verticalFlip && random.nextDouble() < 0.5) {
            out = flip(out, false);
        }
        return out;
    }

    /** torchvision {@code RandomResizedCrop.get_params}: {x, y, w, h}. */
    int[] cropBox(int width, int height, SplittableRandom random) {
        double area = (double) width * height;
        for (int i = 0; i < TRIES; i++) {
            double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double ratio = Math.exp(LOG_MIN_RATIO + (LOG_MAX_RATIO - LOG_MIN_RATIO) * random.nextDouble());
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                return new int[] {random.nextInt(width - w + 1), random.nextInt(height - h + 1), w, h};
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < 3.0 / 4.0) {
            h = (int) Math.rint(w / (3.0 / 4.0));
        } else if (inRatio > 4.0 / 3.0) {
            w = (int) Math.rint(h * (4.0 / 3.0));
        }
        return new int[] {(width - w) / 2, (height - h) / 2, w, h};
    }

    private static RgbImage flip(RgbImage image, boolean horizontal) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int src = (c * h + (horizontal ? y : h - 1 - y)) * w;
                int dst = (c * h + y) * w;
                if (horizontal) {
                    for (int x = 0; x < w; x++) {
                        out[dst + x] = in[src + w - 1 - x];
                    }
                } else {
                    System.arraycopy(in, src, out, dst, w);
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
