package org.peft4j.eval.protocol.results;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one method on one task.
 *
 * @param method the method
 * @param task the task
 * @param group the task's group
 * @param status ok, diverged, failed or pending
 * @param message why it is not ok (empty when ok)
 * @param testAccuracies test top-1 in percent of each final seed that ended ok, in seed order
 * @param meanAccuracy mean of those, or null without any
 * @param stdAccuracy their sample standard deviation, or null with fewer than two
 * @param insertedParameters the selected configuration's inserted parameters, or null
 * @param hyperparameters the selected method hyperparameters, or empty
 * @param lr the selected learning rate, or null
 * @param weightDecay the selected weight decay, or null
 * @param valAccuracy the selected configuration's validation accuracy, or null
 * @param selectedTrial the winning tuning trial's id, or null
 * @param finalTrials the final trials' ids in seed order
 * @param tuningTrials tuning trials of the grid
 * @param tuningOk tuning trials that ended ok
 * @param tuningFailed tuning trials that failed (an error, not a diverged loss): grid points the
 *     selection lost, which every table names
 */
public record ResultCell(
        String method,
        String task,
        String group,
        CellStatus status,
        String message,
        List<Double> testAccuracies,
        Double meanAccuracy,
        Double stdAccuracy,
        Long insertedParameters,
        Map<String, String> hyperparameters,
        Double lr,
        Double weightDecay,
        Double valAccuracy,
        String selectedTrial,
        List<String> finalTrials,
        int tuningTrials,
        int tuningOk,
        int tuningFailed) {}
