package org.peft4j.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A task folder of the processed VTAB-1K release: the images (any sub-layout) and the list files
 * {@code train800.txt}, {@code val200.txt}, {@code train800val200.txt} and {@code test.txt}, each
 * line {@code relative/path label} with paths relative to the task folder.
 *
 * <p>The number of classes is either given, or derived as the largest label over every list file
 * present + 1. A derived count that differs from the published class count of a known task key
 * (e.g. {@code dtd}: 47) is logged as a warning, since a class absent from every split would
 * silently shrink the head.
 */
public final class VtabDataset {

    /** The list files of a task folder, by split name (file name without {@code .txt}). */
    public static final List<String> SPLITS = List.of("train800", "val200", "train800val200", "test");

    private static final Logger LOG = LogManager.getLogger(VtabDataset.class);

    /** Published class counts of the 19 VTAB-1K tasks, by task folder name. */
    private static final Map<String, Integer> KNOWN_CLASSES = Map.ofEntries(
            Map.entry("cifar", 100), Map.entry("caltech101", 102), Map.entry("dtd", 47),
            Map.entry("oxford_flowers102", 102), Map.entry("oxford_iiit_pet", 37), Map.entry("svhn", 10),
            Map.entry("sun397", 397), Map.entry("patch_camelyon", 2), Map.entry("eurosat", 10),
            Map.entry("resisc45", 45), Map.entry("diabetic_retinopathy", 5), Map.entry("clevr_count", 8),
            Map.entry("clevr_dist", 6), Map.entry("dmlab", 6), Map.entry("kitti", 4),
            Map.entry("dsprites_loc", 16), Map.entry("dsprites_ori", 16), Map.entry("smallnorb_azi", 18),
            Map.entry("smallnorb_ele", 9));

    private final Path taskDir;
    private final Map<String, LabelledListReader.Parsed> lists;
    private final int numClasses;

    private VtabDataset(Path taskDir, Map<String, LabelledListReader.Parsed> lists, int numClasses) {
        this.taskDir = taskDir;
        this.lists = lists;
        this.numClasses = numClasses;
    }

    /**
     * Opens a task folder and derives the number of classes from the labels.
     *
     * @param taskDir the task folder
     * @return the data set
     * @throws IllegalArgumentException if the folder does not exist
     */
    public static VtabDataset open(Path taskDir) {
        Map<String, LabelledListReader.Parsed> lists = readLists(taskDir);
        int derived = DataSplit.derivedClassCount(lists.values().stream().flatMap(p -> p.samples().stream()).toList());
        Integer known = KNOWN_CLASSES.get(taskDir.getFileName().toString());
        if (known != null && known != derived) {
            LOG.warn("{}: the labels imply {} classes but VTAB-1K task '{}' has {}; pass the class count explicitly "
                    + "if a class is missing from every split", taskDir, derived, taskDir.getFileName(), known);
        }
        return new VtabDataset(taskDir, lists, derived);
    }

    /**
     * Opens a task folder with a declared number of classes; labels at or above it are reported by
     * {@link SplitValidator}.
     *
     * @param taskDir the task folder
     * @param numClasses the number of classes, at least 1
     * @return the data set
     */
    public static VtabDataset open(Path taskDir, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("the number of classes must be at least 1, got " + numClasses);
        }
        return new VtabDataset(taskDir, readLists(taskDir), numClasses);
    }

    /**
     * The published class count of a VTAB-1K task.
     *
     * @param task the task key (folder name), e.g. {@code cifar}
     * @return its class count, or empty for an unknown key
     */
    public static Optional<Integer> knownClassCount(String task) {
        return Optional.ofNullable(KNOWN_CLASSES.get(task));
    }

    /** @return the task folder */
    public Path taskDir() {
        return taskDir;
    }

    /** @return the number of classes (declared or derived) */
    public int numClasses() {
        return numClasses;
    }

    /**
     * A split. A missing list file gives an empty split whose read problem says so.
     *
     * @param name one of {@link #SPLITS}
     * @return the split
     */
    public DataSplit split(String name) {
        LabelledListReader.Parsed parsed = lists.get(name);
        if (parsed == null) {
            throw new IllegalArgumentException("unknown VTAB-1K split '" + name + "'; expected one of " + SPLITS);
        }
        return new DataSplit(name, taskDir, listFile(taskDir, name), parsed.samples(), numClasses,
                parsed.contentHash(), parsed.problems());
    }

    /**
     * Reads one split of a task folder without opening any other list file (the tuning protocol
     * uses this so that tuning never reads {@code test.txt}). A missing list file gives an empty
     * split whose read problem says so.
     *
     * @param taskDir the task folder
     * @param name one of {@link #SPLITS}
     * @param numClasses the number of classes, at least 1
     * @return the split
     * @throws IllegalArgumentException if the folder does not exist or the split name is unknown
     */
    public static DataSplit readSplit(Path taskDir, String name, int numClasses) {
        if (!SPLITS.contains(name)) {
            throw new IllegalArgumentException("unknown VTAB-1K split '" + name + "'; expected one of " + SPLITS);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("the number of classes must be at least 1, got " + numClasses);
        }
        requireFolder(taskDir);
        LabelledListReader.Parsed parsed = LabelledListReader.read(listFile(taskDir, name),
                LabelledListReader.Format.WHITESPACE);
        return new DataSplit(name, taskDir, listFile(taskDir, name), parsed.samples(), numClasses,
                parsed.contentHash(), parsed.problems());
    }

    private static void requireFolder(Path taskDir) {
        if (!Files.isDirectory(taskDir)) {
            throw new IllegalArgumentException(taskDir + " is not a folder; expected a VTAB-1K task folder holding "
                    + "train800.txt, val200.txt, train800val200.txt and test.txt");
        }
    }

    private static Map<String, LabelledListReader.Parsed> readLists(Path taskDir) {
        requireFolder(taskDir);
        Map<String, LabelledListReader.Parsed> lists = new LinkedHashMap<>();
        for (String split : SPLITS) {
            lists.put(split, LabelledListReader.read(listFile(taskDir, split), LabelledListReader.Format.WHITESPACE));
        }
        return lists;
    }

    private static Path listFile(Path taskDir, String split) {
        return taskDir.resolve(split + ".txt");
    }
}
