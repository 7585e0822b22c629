package org.peft4j.runtime.data;

import java.util.Arrays;

/**
 * Bicubic resampling exactly as PIL's {@code Image.resize(size, Image.BICUBIC)} on 8-bit images
 * (Pillow {@code libImaging/Resample.c}), so that resized pixels match the reference's.
 *
 * <p>The kernel is Keys' cubic convolution with {@code a = -0.5}: {@code (a+2)|x|³ − (a+3)|x|² + 1}
 * for {@code |x| < 1}, {@code a(|x|³ − 5|x|² + 8|x| − 4)} for {@code 1 ≤ |x| < 2}, 0 beyond. It is
 * separable: a horizontal pass, then a vertical pass, each from its own 1-D coefficient table. When
 * downscaling by a factor {@code s > 1}, the kernel is stretched by {@code s} (support {@code 2s}
 * input pixels) so that every input pixel contributes: this is the antialiasing. Output pixel
 * {@code i} is centred on input coordinate {@code (i + 0.5)·scale}; the taps are clipped to the
 * image and the weights renormalised to sum to 1. As in PIL, the weights are rounded to 22-bit fixed
 * point, each pass accumulates integers with rounding and clamps to 0..255, and the intermediate
 * image between passes is 8-bit. An axis whose size does not change is not resampled.
 */
public final class BicubicResampler {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;
    private static final double A = -0.5;

    /**
     * Fixed-point coefficients of one axis.
     *
     * @param first first input index used by each output index
     * @param count number of taps of each output index
     * @param weights {@code outSize × ksize} fixed-point weights
     * @param ksize stride of {@code weights}
     */
    private record Axis(int[] first, int[] count, int[] weights, int ksize) {}

    private BicubicResampler() {}

    /**
     * Resizes an image (aspect ratio not kept).
     *
     * @param image the image
     * @param width output columns
     * @param height output rows
     * @return a new image, or a copy when the size does not change
     */
    public static RgbImage resize(RgbImage image, int width, int height) {
        byte[] out = new byte[3 * width * height];
        int inPlane = image.planeSize();
        byte[] plane = new byte[inPlane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(image.pixels(), c * inPlane, plane, 0, inPlane);
            byte[] resized = resizePlane(plane, image.width(), image.height(), width, height);
            System.arraycopy(resized, 0, out, c * width * height, width * height);
        }
        return new RgbImage(width, height, out);
    }

    /**
     * Resizes one 8-bit channel.
     *
     * @param in row-major samples
     * @param width input columns
     * @param height input rows
     * @param outWidth output columns
     * @param outHeight output rows
     * @return row-major output samples
     */
    public static byte[] resizePlane(byte[] in, int width, int height, int outWidth, int outHeight) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("output size must be positive, got " + outWidth + "×" + outHeight);
        }
        boolean horizontal = outWidth != width;
        boolean vertical = outHeight != height;
        if (!horizontal && !vertical) {
            return in.clone();
        }
        Axis rows = axis(height, outHeight);
        // only the input rows the vertical pass reads are resampled horizontally, as in PIL
        int firstRow = rows.first[0];
        int lastRow = rows.first[outHeight - 1] + rows.count[outHeight - 1];
        byte[] mid = in;
        int rowOffset = 0;
        if (horizontal) {
            mid = horizontalPass(in, width, firstRow, lastRow - firstRow, axis(width, outWidth), outWidth);
            rowOffset = firstRow;
        }
        return vertical ? verticalPass(mid, outWidth, rowOffset, rows, outHeight) : mid;
    }

    private static byte[] horizontalPass(byte[] in, int width, int firstRow, int rows, Axis axis, int outWidth) {
        byte[] out = new byte[outWidth * rows];
        int[] w = axis.weights;
        for (int y = 0; y < rows; y++) {
            int inRow = (firstRow + y) * width;
            int outRow = y * outWidth;
            for (int xx = 0; xx < outWidth; xx++) {
                int start = inRow + axis.first[xx];
                int k = xx * axis.ksize;
                int sum = 1 << (PRECISION_BITS - 1);
                for (int t = 0, n = axis.count[xx]; t < n; t++) {
                    sum += (in[start + t] & 0xFF) * w[k + t];
                }
                out[outRow + xx] = clip8(sum);
            }
        }
        return out;
    }

    private static byte[] verticalPass(byte[] in, int width, int rowOffset, Axis axis, int outHeight) {
        byte[] out = new byte[width * outHeight];
        int[] w = axis.weights;
        int[] sums = new int[width];
        for (int yy = 0; yy < outHeight; yy++) {
            Arrays.fill(sums, 1 << (PRECISION_BITS - 1));
            int first = axis.first[yy] - rowOffset;
            int k = yy * axis.ksize;
            for (int t = 0, n = axis.count[yy]; t < n; t++) {
                int row = (first + t) * width;
                int weight = w[k + t];
                for (int x = 0; x < width; x++) {
                    sums[x] += (in[row + x] & 0xFF) * weight;
                }
            }
            int outRow = yy * width;
            for (int x = 0; x < width; x++) {
                out[outRow + x] = clip8(sums[x]);
            }
        }
        return out;
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** PIL {@code precompute_coeffs} + {@code normalize_coeffs_8bpc} for the box (0, inSize). */
    private static Axis axis(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        double invFilterScale = 1.0 / filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double sum = 0;
            for (int x = 0; x < xmax; x++) {
                k[x] = kernel((x + xmin - center + 0.5) * invFilterScale);
                sum += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double v = sum != 0.0 ? k[x] / sum : k[x];
                weights[xx * ksize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
            }
            first[xx] = xmin;
            count[xx] = Math.max(0, xmax);
        }
        return new Axis(first, count, weights, ksize);
    }

    private static double kernel(double x) {
        double t = Math.abs(x);
        if (t < 1.0) {
            return ((A + 2.0) * t - (A + 3.0)) * t * t + 1;
        }
        if (t < 2.0) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0.0;
    }
}
