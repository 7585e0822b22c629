package org.peft4j.runtime.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Resamples a learned position embedding to another patch grid as timm's
 * {@code resample_abs_pos_embed} does: the prefix tokens (class token, registers) are kept, the
 * grid is interpolated bicubically with PyTorch's antialiased kernel
 * ({@code F.interpolate(mode='bicubic', antialias=True, align_corners=False)}: Keys' cubic with
 * a = -0.5, widened by the scale when shrinking, weights normalised to sum 1), width first, then
 * height. So a checkpoint pretrained at 224 px fine-tunes at 384 px or at 32 px.
 */
public final class PositionEmbeddings {

    private static final double A = -0.5;

    private PositionEmbeddings() {}

    /**
     * Resamples {@code (1, prefix + oldH·oldW, dim)} to {@code (1, prefix + newH·newW, dim)}.
     *
     * @param posemb the embedding, any float dtype
     * @param prefix tokens before the grid, kept as they are
     * @param oldH rows of the grid in the embedding
     * @param oldW columns of the grid in the embedding
     * @param newH rows of the new grid
     * @param newW columns of the new grid
     * @return a float32 embedding
     * @throws IllegalArgumentException if the embedding does not have the stated token count
     */
    public static RawTensor resample(RawTensor posemb, int prefix, int oldH, int oldW, int newH, int newW) {
        Shape s = posemb.shape();
        if (s.dimension() != 3 || s.get(0) != 1 || s.get(1) != prefix + (long) oldH * oldW || newH < 1 || newW < 1) {
            throw new IllegalArgumentException("a position embedding of shape " + s + " is not (1, " + prefix + " + "
                    + oldH + "×" + oldW + ", dim), or the new grid " + newH + "×" + newW + " is empty");
        }
        int dim = Math.toIntExact(s.get(2));
        FloatBuffer in = posemb.toFloat32().data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] src = new float[in.remaining()];
        in.get(src);
        // grid[y][x][c] -> along x, then along y, as PyTorch's separable antialiased kernel
        float[] wide = pass(src, prefix * dim, oldH, oldW, newW, dim, true);
        float[] grid = pass(wide, 0, oldH, newW, newH, dim, false);
        float[] out = new float[prefix * dim + grid.length];
        System.arraycopy(src, 0, out, 0, prefix * dim);
        System.arraycopy(grid, 0, out, prefix * dim, grid.length);
        ByteBuffer bytes = ByteBuffer.allocate(out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(out);
        return new RawTensor(DataType.FLOAT32, new Shape(1, prefix + (long) newH * newW, dim), bytes);
    }

    /**
     * One separable pass over a {@code rows × cols × dim} grid starting at {@code offset}:
     * resamples the columns to {@code size} ({@code alongX}) or the rows to {@code size}.
     */
    private static float[] pass(float[] g, int offset, int rows, int cols, int size, int dim, boolean alongX) {
        int inSize = alongX ? cols : rows;
        int outRows = alongX ? rows : size;
        int outCols = alongX ? size : cols;
        float[] out = new float[outRows * outCols * dim];
        float scale = (float) inSize / size;
        float support = scale >= 1f ? 2f * scale : 2f;
        float invScale = scale >= 1f ? 1f / scale : 1f;
        for (int o = 0; o < size; o++) {
            float center = scale * (o + 0.5f);
            int min = Math.max((int) (center - support + 0.5f), 0);
            int count = Math.min((int) (center + support + 0.5f), inSize) - min;
            double[] w = new double[count];
            double total = 0;
            for (int j = 0; j < count; j++) {
                w[j] = cubic((j + min - center + 0.5f) * invScale);
                total += w[j];
            }
            for (int j = 0; j < count && total != 0; j++) {
                w[j] /= total;
            }
            for (int r = 0; r < (alongX ? rows : cols); r++) {
                for (int c = 0; c < dim; c++) {
                    double sum = 0;
                    for (int j = 0; j < count; j++) {
                        int y = alongX ? r : min + j;
                        int x = alongX ? min + j : r;
                        sum += w[j] * g[offset + (y * cols + x) * dim + c];
                    }
                    int y = alongX ? r : o;
                    int x = alongX ? o : r;
                    out[(y * outCols + x) * dim + c] = (float) sum;
                }
            }
        }
        return out;
    }

    /** Keys' cubic convolution kernel with a = -0.5, as PyTorch's antialiased bicubic. */
    private static double cubic(double x) {
        double t = Math.abs(x);
        if (t < 1) {
            return ((A + 2) * t - (A + 3)) * t * t + 1;
        }
        if (t < 2) {
            return ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
        }
        return 0;
    }
}
