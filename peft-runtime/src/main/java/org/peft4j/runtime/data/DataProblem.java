package org.peft4j.runtime.data;

import java.nio.file.Path;

/**
 * One problem found in a data set: where it is and a sentence saying what is wrong and what to do.
 *
 * @param source the list file (or, for an image folder, the image or folder) at fault
 * @param line the 1-based line in the list file, or 0 when the problem has no line
 * @param message what is wrong and what to do, without the location
 */
public record DataProblem(Path source, int line, String message) {

    /** @return the location followed by the message, as one sentence */
    @Override
    public String toString() {
        return source + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
