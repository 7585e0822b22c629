package org.peft4j.eval.protocol;

import java.util.List;

/**
 * The tuning trials of one (method, task), in grid order.
 *
 * @param task the task
 * @param method the method
 * @param tuning the grid points; {@code tuning.get(i).gridIndex() == i}
 */
public record TrialGroup(TaskSpec task, MethodSpec method, List<TuningTrial> tuning) {

    /** Copies the list. */
    public TrialGroup {
        tuning = List.copyOf(tuning);
    }
}
