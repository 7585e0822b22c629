package org.peft4j.eval.stats;

/**
 * The bootstrap interval of one (method, task) cell.
 *
 * @param method the method
 * @param task the task
 * @param seeds final seeds resampled
 * @param images test images resampled
 * @param interval the interval of test accuracy in percent
 */
public record CellInterval(String method, String task, int seeds, int images, Interval interval) {}
