package org.peft4j.runtime.pipeline;

import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.train.BatchSource;

/**
 * The batches a fine-tuning trains and evaluates on. Closing it closes the sources that hold
 * resources (the image cache's mapped files).
 *
 * @param name the task's name, for progress and reports
 * @param classes the number of classes
 * @param train batches of the training split
 * @param eval batches of the evaluation split, or null for no evaluation
 */
public record TrainingData(String name, int classes, BatchSource train, BatchSource eval) implements AutoCloseable {

    /**
     * Decodes (or maps the cache of) the images of a task's splits, resized to the model's input
     * side (see docs/methods.md#transforms), without augmentation.
     *
     * @param splits the task's splits
     * @param imageSize the model's input side
     * @param normalization pixel normalisation
     * @param cache the image cache settings
     * @return the data
     */
    public static TrainingData open(TaskSplits splits, int imageSize, Normalization normalization,
            ImageCache.Options cache) {
        ImageTransform transform = ImageTransform.stretch(imageSize);
        CachedBatchSource train = source(splits.train(), transform, normalization, splits.classes(), cache);
        try {
            CachedBatchSource eval = splits.eval() == null ? null
                    : source(splits.eval(), transform, normalization, splits.classes(), cache);
            return new TrainingData(splits.name(), splits.classes(), train, eval);
        } catch (RuntimeException e) {
            train.close();
            throw e;
        }
    }

    private static CachedBatchSource source(DataSplit split, ImageTransform transform, Normalization normalization,
            int classes, ImageCache.Options cache) {
        return new CachedBatchSource(ImageCache.load(split, transform, cache), classes, normalization,
                Augmentation.NONE);
    }

    @Override
    public void close() {
        closeIfNeeded(train);
        closeIfNeeded(eval);
    }

    private static void closeIfNeeded(BatchSource source) {
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the data source " + source + ": " + e.getMessage(), e);
            }
        }
    }
}
