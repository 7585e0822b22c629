package org.peft4j.embedded;

/**
 * Descriptor of one built-in task.
 *
 * @param name the task folder name under {@link EmbeddedBenchmark#dataRoot()}
 * @param group the VTAB group it stands in for
 * @param classes number of classes; labels are 0 .. classes − 1
 * @param description what the label means and what varies
 */
public record BuiltInTask(String name, TaskGroup group, int classes, String description) {}
