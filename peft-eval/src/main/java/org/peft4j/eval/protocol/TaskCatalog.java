package org.peft4j.eval.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.VtabDataset;

/**
 * Finds the tasks of a VTAB-1K-layout data root and fixes their class counts from the training
 * lists only ({@code train800}, {@code val200}, {@code train800val200}); {@code test.txt} is never
 * read while planning. A known VTAB-1K task keeps at least its published class count.
 */
public final class TaskCatalog {

    /** Group of a task that is not one of the 19 VTAB-1K tasks. */
    public static final String OTHER = "other";

    private static final List<String> TRAINING_LISTS = List.of("train800", "val200", "train800val200");

    private static final Map<String, String> VTAB_GROUPS = Map.ofEntries(
            Map.entry("cifar", "natural"), Map.entry("caltech101", "natural"), Map.entry("dtd", "natural"),
            Map.entry("oxford_flowers102", "natural"), Map.entry("oxford_iiit_pet", "natural"),
            Map.entry("svhn", "natural"), Map.entry("sun397", "natural"),
            Map.entry("patch_camelyon", "specialized"), Map.entry("eurosat", "specialized"),
            Map.entry("resisc45", "specialized"), Map.entry("diabetic_retinopathy", "specialized"),
            Map.entry("clevr_count", "structured"), Map.entry("clevr_dist", "structured"),
            Map.entry("dmlab", "structured"), Map.entry("kitti", "structured"), Map.entry("dsprites_loc", "structured"),
            Map.entry("dsprites_ori", "structured"), Map.entry("smallnorb_azi", "structured"),
            Map.entry("smallnorb_ele", "structured"));

    private TaskCatalog() {}

    /**
     * The task folders of a data root: sub-folders holding a {@code train800.txt}.
     *
     * @param dataRoot the data root
     * @return benchmark tasks in name order, grouped as VTAB-1K groups them
     * @throws IllegalArgumentException if the root is not a folder or holds no task
     */
    public static List<BenchmarkTask> discover(Path dataRoot) {
        if (!Files.isDirectory(dataRoot)) {
            throw new IllegalArgumentException("the data root " + dataRoot + " is not a folder; pass --data with a folder "
                    + "holding one VTAB-1K task folder per task");
        }
        List<BenchmarkTask> tasks;
        try (Stream<Path> dirs = Files.list(dataRoot)) {
            tasks = dirs.filter(d -> Files.isRegularFile(d.resolve("train800.txt")))
                    .map(d -> d.getFileName().toString()).sorted().map(n -> new BenchmarkTask(n, group(n))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataRoot + ": " + e.getMessage(), e);
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("the data root " + dataRoot + " has no task folder (a sub-folder with "
                    + "train800.txt, val200.txt, train800val200.txt and test.txt); check --data");
        }
        return tasks;
    }

    /**
     * The VTAB-1K group of a task name.
     *
     * @param task the task's folder name
     * @return natural, specialized, structured, or {@value #OTHER}
     */
    public static String group(String task) {
        return VTAB_GROUPS.getOrDefault(task, OTHER);
    }

    /**
     * Resolves a task: its class count is the largest label of the training lists + 1, at least the
     * published count of a VTAB-1K task of that name.
     *
     * @param dataRoot the data root
     * @param task the task
     * @return the task spec
     * @throws IllegalArgumentException if the folder is missing or its training lists hold no label
     */
    public static TaskSpec resolve(Path dataRoot, BenchmarkTask task) {
        Path dir = dataRoot.resolve(task.name());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("task '" + task.name() + "' has no folder " + dir
                    + "; check --tasks against the folders of " + dataRoot);
        }
        int derived = TRAINING_LISTS.stream().map(split -> VtabDataset.readSplit(dir, split, 1))
                .mapToInt(split -> DataSplit.derivedClassCount(split.samples())).max().orElse(0);
        if (derived < 1) {
            throw new IllegalArgumentException("task '" + task.name() + "': " + dir + " has no labelled lines in "
                    + String.join(", ", TRAINING_LISTS) + " (.txt); expected '<path> <label>' lines");
        }
        int classes = Math.max(derived, VtabDataset.knownClassCount(task.name()).orElse(0));
        return new TaskSpec(task.name(), task.group(), classes);
    }
}
