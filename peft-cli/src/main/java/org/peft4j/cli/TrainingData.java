package org.peft4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.data.Augmentation;
import org.peft4j.runtime.data.CachedBatchSource;
import org.peft4j.runtime.data.DataProblem;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageCache;
import org.peft4j.runtime.data.ImageTransform;
import org.peft4j.runtime.data.Normalization;
import org.peft4j.runtime.data.SplitValidator;
import org.peft4j.runtime.data.VtabDataset;

/**
 * The training and (optional) evaluation split of a VTAB-1K task folder, validated together and
 * served from the image cache.
 *
 * @param task the task folder
 * @param train the training split
 * @param eval the evaluation split, or null
 * @param trainSource batches of the training split
 * @param evalSource batches of the evaluation split, or null
 */
record TrainingData(VtabDataset task, DataSplit train, DataSplit eval, CachedBatchSource trainSource,
        CachedBatchSource evalSource) implements AutoCloseable {

    /**
     * Opens a task folder, reports every structural problem of both splits at once, then decodes
     * (or maps the cache of) their images.
     *
     * @param dir the task folder
     * @param classes the number of classes, or null to derive it from the labels
     * @param trainSplit name of the training split
     * @param evalSplit name of the evaluation split, or null for none
     * @param imageSize the model's input side
     * @param normalization pixel normalisation
     * @return the data
     * @throws org.peft4j.runtime.data.DataValidationException listing the problems
     */
    static TrainingData load(Path dir, Integer classes, String trainSplit, String evalSplit, int imageSize,
            Normalization normalization) {
        VtabDataset task = classes == null ? VtabDataset.open(dir) : VtabDataset.open(dir, classes);
        DataSplit train = task.split(trainSplit);
        DataSplit eval = evalSplit == null ? null : task.split(evalSplit);
        List<DataProblem> problems = new ArrayList<>(SplitValidator.checkStructure(train));
        if (eval != null) {
            problems.addAll(SplitValidator.checkStructure(eval));
        }
        SplitValidator.requireNone(problems);
        ImageTransform transform = ImageTransform.stretch(imageSize);
        CachedBatchSource trainSource = source(train, transform, normalization, task.numClasses());
        CachedBatchSource evalSource = eval == null ? null : source(eval, transform, normalization, task.numClasses());
        return new TrainingData(task, train, eval, trainSource, evalSource);
    }

    private static CachedBatchSource source(DataSplit split, ImageTransform transform, Normalization normalization,
            int classes) {
        return new CachedBatchSource(ImageCache.load(split, transform, ImageCache.Options.defaults()), classes,
                normalization, Augmentation.NONE);
    }

    /** @return the task's name: its folder name */
    String name() {
        return task.taskDir().toAbsolutePath().normalize().getFileName().toString();
    }

    @Override
    public void close() {
        trainSource.close();
        if (evalSource != null) {
            evalSource.close();
        }
    }
}
