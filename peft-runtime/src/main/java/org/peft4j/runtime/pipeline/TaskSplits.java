package org.peft4j.runtime.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.peft4j.runtime.data.DataProblem;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.SplitValidator;
import org.peft4j.runtime.data.VtabDataset;

/**
 * The training split and the (optional) evaluation split of a VTAB-1K task folder, read from their
 * list files; no image is decoded yet (see docs/methods.md#data-layout).
 *
 * @param folder the task folder
 * @param classes the number of classes
 * @param train the training split
 * @param eval the evaluation split, or null
 */
public record TaskSplits(Path folder, int classes, DataSplit train, DataSplit eval) {

    /**
     * Opens a task folder and reports every structural problem of both splits at once.
     *
     * @param folder the task folder
     * @param classes the number of classes, or null to derive it from the labels
     * @param train name of the training split
     * @param eval name of the evaluation split, or null for none
     * @return the splits
     * @throws org.peft4j.runtime.data.DataValidationException listing the problems
     */
    public static TaskSplits validated(Path folder, Integer classes, String train, String eval) {
        VtabDataset task = classes == null ? VtabDataset.open(folder) : VtabDataset.open(folder, classes);
        DataSplit trainSplit = task.split(train);
        DataSplit evalSplit = eval == null ? null : task.split(eval);
        List<DataProblem> problems = new ArrayList<>(SplitValidator.checkStructure(trainSplit));
        if (evalSplit != null) {
            problems.addAll(SplitValidator.checkStructure(evalSplit));
        }
        SplitValidator.requireNone(problems);
        return new TaskSplits(task.taskDir(), task.numClasses(), trainSplit, evalSplit);
    }

    /**
     * Reads exactly two list files of a task folder, and nothing else of it.
     *
     * @param folder the task folder
     * @param classes the number of classes
     * @param train name of the training split
     * @param eval name of the evaluation split
     * @return the splits
     */
    public static TaskSplits lists(Path folder, int classes, String train, String eval) {
        return new TaskSplits(folder, classes, VtabDataset.readSplit(folder, train, classes),
                VtabDataset.readSplit(folder, eval, classes));
    }

    /** @return the task's name: its folder name */
    public String name() {
        return folder.toAbsolutePath().normalize().getFileName().toString();
    }
}
