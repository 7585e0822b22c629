package org.peft4j.runtime.data;

import org.peft4j.runtime.train.Batch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.peft4j.api.Scalars;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Builds a {@link Batch} from cached images: gathers their uint8 pixels into a reusable direct
 * staging buffer (augmenting them first if asked), wraps it as a uint8 tensor without copying, and
 * has the engine compute from it a float32 tensor of its own, scaled to [0, 1] and normalised. The batch's memory thus belongs to the engine, so tensors that autograd saves from it
 * stay valid whatever happens to the staging buffer.
 */
final class BatchAssembler {

    private static final long EPOCH_MIX = 0x9E3779B97F4A7C15L;
    private static final long IMAGE_MIX = 0xC2B2AE3D27D4EB4FL;

    private final CachedImages images;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final long seed;

    BatchAssembler(CachedImages images, Normalization normalization, Augmentation augmentation, long seed) {
        this.images = images;
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.seed = seed;
    }

    /**
     * A staging buffer for batches of up to {@code batchSize} images; one per producing thread.
     *
     * @param batchSize largest batch
     * @return a direct buffer
     */
    ByteBuffer staging(int batchSize) {
        return ByteBuffer.allocateDirect(batchSize * images.imageBytes());
    }

    /**
     * Builds a batch in a new sub-manager of {@code parent}.
     *
     * @param cached cached-image indices of the batch
     * @param epoch the epoch (seeds the augmentation)
     * @param parent manager the batch's own manager hangs from
     * @param staging a buffer from {@link #staging}, not used by another thread meanwhile
     * @return the batch; the caller closes it
     */
    Batch assemble(int[] cached, int epoch, NDManager parent, ByteBuffer staging) {
        int bytes = images.imageBytes();
        int s = images.imageSize();
        ByteBuffer pixels = staging.slice(0, cached.length * bytes);
        long[] labels = new long[cached.length];
        int[] samples = new int[cached.length];
        for (int b = 0; b < cached.length; b++) {
            int i = cached[b];
            if (augmentation.isIdentity()) {
                images.copyTo(i, pixels, b * bytes);
            } else {
                pixels.put(b * bytes, augmentation.apply(images.image(i), random(epoch, i)).pixels());
            }
            labels[b] = images.label(i);
            samples[b] = images.sampleIndex(i);
        }
        NDManager manager = parent.newSubManager();
        try {
            NDArray raw = manager.create(pixels, new Shape(cached.length, 3, s, s), DataType.UINT8);
            NDArray x = toFloat(raw, manager);
            raw.close();
            return new Batch(x, manager.create(labels), samples, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * (x / 255 − mean) / std per channel, as one scale and shift per channel, computed in place on
     * a float32 copy (converting first and then scaling in place is faster in the engine than a
     * mixed uint8 × float operation).
     */
    private NDArray toFloat(NDArray raw, NDManager manager) {
        NDArray x = raw.toType(DataType.FLOAT32, false);
        if (normalization == Normalization.NONE) {
            try (NDArray divisor = Scalars.constant(x, 255)) {
                return x.divi(divisor);
            }
        }
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * normalization.std(c));
            shift[c] = -normalization.mean(c) / normalization.std(c);
        }
        Shape perChannel = new Shape(1, 3, 1, 1);
        return x.muli(manager.create(scale, perChannel)).addi(manager.create(shift, perChannel));
    }

    private SplittableRandom random(int epoch, int image) {
        return new SplittableRandom(seed ^ (epoch + 1L) * EPOCH_MIX ^ (image + 1L) * IMAGE_MIX);
    }
}
