package org.peft4j.report;

import java.util.Map;
import org.peft4j.eval.protocol.results.ResultCell;

/**
 * One method's line of the report.
 *
 * @param method the method
 * @param cells its cell on every task, by task name in report order
 * @param groupMeans mean test accuracy (%) over the tasks of each group, by group in report order;
 *     null for a group where some task has no accuracy
 * @param mean plain mean test accuracy (%) over all tasks; null when some task has no accuracy
 * @param averageRank mean over tasks of the method's rank (1 = best, see {@link
 *     org.peft4j.eval.analysis.Ranking#fractional})
 * @param insertedParameters mean over tasks of the selected configurations' inserted parameters,
 *     or null when no configuration was selected
 * @param insertedPercent that as a percentage of the backbone's parameters (head excluded), or null
 * @param trainSeconds mean training time of one final run in seconds, or null without final runs
 * @param peakRssMib largest peak resident memory of the final runs in MiB, or null where unknown
 * @param costs the other costs of the final runs: epoch time, GPU memory, inference throughput
 */
public record MethodRow(String method, Map<String, ResultCell> cells, Map<String, Double> groupMeans, Double mean,
        double averageRank, Double insertedParameters, Double insertedPercent, Double trainSeconds,
        Double peakRssMib, MethodCosts costs) {}
