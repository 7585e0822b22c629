package org.peft4j.runtime.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** A split held in float arrays, for tests of the training loop. */
final class TensorBatchSource implements BatchSource {

    private final float[][] images;
    private final long[] labels;
    private final int side;
    private final int classes;

    TensorBatchSource(float[][] images, long[] labels, int side, int classes) {
        this.images = images;
        this.labels = labels;
        this.side = side;
        this.classes = classes;
    }

    /** An easily learnable task: the label is the brightness level of a noisy image. */
    static TensorBatchSource brightness(int n, int side, long seed) {
        Random r = new Random(seed);
        float[][] images = new float[n][3 * side * side];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(4);
            labels[i] = label;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        images[i][(c * side + y) * side + x] = label / 3f + 0.3f * (float) r.nextGaussian();
                    }
                }
            }
        }
        return new TensorBatchSource(images, labels, side, 4);
    }

    /** The same split with the first image's pixels replaced by NaN. */
    static TensorBatchSource withNaN(TensorBatchSource source) {
        float[][] images = source.images.clone();
        images[0] = new float[images[0].length];
        java.util.Arrays.fill(images[0], Float.NaN);
        return new TensorBatchSource(images, source.labels, source.side, source.classes);
    }

    /**
     * The batches of a split without those that hold one example: the batches a run that skips
     * that example's batches trains on.
     *
     * @param source the split
     * @param example the example's position in the split
     * @param positions receives the example's position inside its batch, once per pass
     */
    static BatchSource withoutBatchesOf(BatchSource source, int example, List<Integer> positions) {
        return new BatchSource() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public int numClasses() {
                return source.numClasses();
            }

            @Override
            public Iterator<Batch> batches(int batchSize, boolean shuffle, long seed, boolean dropLast, Device device) {
                List<Batch> kept = new ArrayList<>();
                source.batches(batchSize, shuffle, seed, dropLast, device).forEachRemaining(batch -> {
                    int at = java.util.stream.IntStream.range(0, batch.size())
                            .filter(i -> batch.indices()[i] == example).findFirst().orElse(-1);
                    if (at < 0) {
                        kept.add(batch);
                    } else {
                        positions.add(at);
                        batch.close();
                    }
                });
                return kept.iterator();
            }
        };
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public Iterator<Batch> batches(int batchSize, boolean shuffle, long seed, boolean dropLast, Device device) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        if (shuffle) {
            Collections.shuffle(order, new Random(seed));
        }
        int end = dropLast ? order.size() / batchSize * batchSize : order.size();
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < end; start += batchSize) {
            int b = Math.min(batchSize, end - start);
            float[] pixels = new float[b * 3 * side * side];
            long[] y = new long[b];
            int[] idx = new int[b];
            for (int j = 0; j < b; j++) {
                idx[j] = order.get(start + j);
                System.arraycopy(images[idx[j]], 0, pixels, j * 3 * side * side, 3 * side * side);
                y[j] = labels[idx[j]];
            }
            NDManager m = NDManager.newBaseManager(device);
            NDArray x = m.create(pixels, new Shape(b, 3, side, side));
            out.add(new Batch(x, m.create(y), idx, m));
        }
        return out.iterator();
    }
}
