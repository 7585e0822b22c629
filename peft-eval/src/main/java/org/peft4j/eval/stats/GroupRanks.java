package org.peft4j.eval.stats;

import java.util.List;

/**
 * The rank statistics of one task group: the Friedman test and Nemenyi's critical difference over
 * the group's tasks, for the methods with an accuracy on every one of them.
 *
 * @param group the group's name
 * @param tasks the group's tasks, in report order
 * @param leftOut the methods without an accuracy on some task of the group (not ranked)
 * @param ranks the statistics, or null when the group has fewer than two tasks or two complete methods
 * @param none why {@code ranks} is null, in one sentence; null when there are ranks
 */
public record GroupRanks(String group, List<String> tasks, List<String> leftOut, RankSignificance ranks,
        String none) {

    /** Copies the lists. */
    public GroupRanks {
        tasks = List.copyOf(tasks);
        leftOut = List.copyOf(leftOut);
    }
}
