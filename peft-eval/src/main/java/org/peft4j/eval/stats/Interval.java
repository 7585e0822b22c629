package org.peft4j.eval.stats;

/**
 * A confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param level confidence level, e.g. 0.95
 */
public record Interval(double lower, double upper, double level) {}
