package org.peft4j.runtime.data;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peft4j.runtime.train.Batch;
import org.peft4j.runtime.train.BatchSource;

/**
 * A {@link BatchSource} over a decoded, memory-mapped split: batches are built ahead on a
 * background thread with the given normalisation and (for shuffled passes) augmentation.
 */
public final class CachedBatchSource implements BatchSource, AutoCloseable {

    private final CachedImages images;
    private final int numClasses;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final Map<Device, NDManager> managers = new ConcurrentHashMap<>();

    /**
     * Creates the source.
     *
     * @param images the cached split
     * @param numClasses classes of the task
     * @param normalization pixel normalisation
     * @param augmentation augmentation of shuffled (training) passes; identity for none
     */
    public CachedBatchSource(CachedImages images, int numClasses, Normalization normalization, Augmentation augmentation) {
        this.images = images;
        this.numClasses = numClasses;
        this.normalization = normalization;
        this.augmentation = augmentation;
    }

    /** The images' content and transform, the normalisation and the augmentation. */
    @Override
    public String contentKey() {
        return images.key() + " size " + images.size() + " normalization " + normalization + " augmentation "
                + augmentation;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /**
     * The cached images behind this source.
     *
     * @return the cache view
     */
    public CachedImages images() {
        return images;
    }

    @Override
    public Iterator<Batch> batches(int batchSize, boolean shuffle, long seed, boolean dropLast, Device device) {
        LoaderOptions options = (shuffle ? LoaderOptions.training(batchSize, seed).withAugmentation(augmentation)
                        : LoaderOptions.evaluation(batchSize))
                .withNormalization(normalization)
                .withDropLast(dropLast);
        NDManager manager = managers.computeIfAbsent(device, NDManager::newBaseManager);
        return new BatchLoader(images, options).epoch(0, manager);
    }

    @Override
    public void close() {
        managers.values().forEach(NDManager::close);
    }
}
