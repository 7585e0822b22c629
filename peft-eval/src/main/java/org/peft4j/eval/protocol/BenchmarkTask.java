package org.peft4j.eval.protocol;

/**
 * A task of a benchmark: a folder of the data root, and its group for reports.
 *
 * @param name the folder name
 * @param group e.g. natural, specialized, structured
 */
public record BenchmarkTask(String name, String group) {}
