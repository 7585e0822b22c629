package org.peft4j.eval.protocol;

import java.util.Objects;

/**
 * One task of a comparison: a folder of the data root in the VTAB-1K layout.
 *
 * @param name the folder name, e.g. {@code dtd}
 * @param group the task group for reports, e.g. {@code natural}
 * @param numClasses classes of the head, fixed when the comparison is planned (never from test.txt)
 */
public record TaskSpec(String name, String group, int numClasses) {

    /** Checks the values. */
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        if (numClasses < 1) {
            throw new IllegalArgumentException("task '" + name + "' needs at least 1 class, got " + numClasses);
        }
    }
}
