package org.peft4j.runtime.data;

/**
 * One labelled image of a split.
 *
 * @param path the image path as written in the list (relative to the split's root)
 * @param label the 0-based class index
 * @param line the 1-based line of the list file that names it, or 0 when the split has no list
 *     file (an image folder)
 */
public record Sample(String path, int label, int line) {}
