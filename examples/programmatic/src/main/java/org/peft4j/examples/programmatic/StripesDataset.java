package org.peft4j.examples.programmatic;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.peft4j.runtime.train.Batch;
import org.peft4j.runtime.train.BatchSource;

/**
 * A data set held in memory, to show that anything implementing {@link BatchSource} can be trained
 * on: noisy images of horizontal stripes (class 0) or vertical stripes (class 1), pixels in [0, 1].
 */
public final class StripesDataset implements BatchSource {

    private final float[][] images;
    private final long[] labels;
    private final int side;

    /**
     * Draws the images.
     *
     * @param size number of images
     * @param side image side in pixels (the model's input size)
     * @param seed seed of the stripe phases and the noise
     */
    public StripesDataset(int size, int side, long seed) {
        Random random = new Random(seed);
        this.images = new float[size][];
        this.labels = new long[size];
        this.side = side;
        for (int i = 0; i < size; i++) {
            labels[i] = i % 2;
            images[i] = stripes(labels[i] == 1, random.nextInt(8), random);
        }
    }

    private float[] stripes(boolean vertical, int phase, Random random) {
        float[] pixels = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int along = vertical ? x : y;
                    float stripe = ((along + phase) / 4) % 2 == 0 ? 0.8f : 0.2f;
                    pixels[(c * side + y) * side + x] = Math.min(1f, Math.max(0f, stripe + 0.1f * (float) random.nextGaussian()));
                }
            }
        }
        return pixels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return 2;
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
        List<List<Integer>> chunks = new ArrayList<>();
        for (int start = 0; start < end; start += batchSize) {
            chunks.add(order.subList(start, Math.min(end, start + batchSize)));
        }
        Iterator<List<Integer>> next = chunks.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public Batch next() {
                return batch(next.next(), device);
            }
        };
    }

    /** One batch in its own manager, which closing the batch frees. */
    private Batch batch(List<Integer> indices, Device device) {
        int n = indices.size();
        float[] pixels = new float[n * 3 * side * side];
        long[] y = new long[n];
        int[] positions = new int[n];
        for (int b = 0; b < n; b++) {
            int i = indices.get(b);
            System.arraycopy(images[i], 0, pixels, b * images[i].length, images[i].length);
            y[b] = labels[i];
            positions[b] = i;
        }
        NDManager manager = NDManager.newBaseManager(device);
        return new Batch(manager.create(pixels, new Shape(n, 3, side, side)), manager.create(y), positions, manager);
    }
}
