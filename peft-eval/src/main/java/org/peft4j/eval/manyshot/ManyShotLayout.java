package org.peft4j.eval.manyshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.peft4j.eval.protocol.FinalTrial;
import org.peft4j.eval.protocol.TuningTrial;
import org.peft4j.runtime.data.CsvDataset;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.ImageFolderDataset;
import org.peft4j.runtime.data.Sample;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * Runs the tuning protocol on a many-shot data set by writing its splits as a VTAB-1K-layout task
 * folder: the training subset becomes {@code train800val200}, the part of it tuning trains on
 * {@code train800}, the validation carved out of it {@code val200}, and the data set's test split
 * {@code test} (the names are the protocol's roles; the sizes are the many-shot ones). The test
 * split is never sampled from. The images used are placed under {@code images/} of the task folder
 * as hard links to the originals (copies where the file system cannot link), since a task's
 * images must lie inside its folder.
 */
public final class ManyShotLayout {

    /**
     * A many-shot data set.
     *
     * @param name its name (the folder's), used as the task name
     * @param training the training split
     * @param test the test split
     */
    public record Source(String name, DataSplit training, DataSplit test) {}

    private ManyShotLayout() {}

    /**
     * Opens a data set: an image folder with {@code train/} and {@code test/} split folders
     * ({@code <split>/<class>/<image>}), or a folder with {@code train.csv} and {@code test.csv}
     * ({@code path,label} lines relative to the folder).
     *
     * @param dir the data set folder
     * @return the data set
     * @throws IllegalArgumentException if the folder has neither layout
     */
    public static Source open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "data" : abs.getFileName().toString();
        if (Files.isDirectory(abs.resolve("train")) && Files.isDirectory(abs.resolve("test"))) {
            ImageFolderDataset images = ImageFolderDataset.open(abs);
            return new Source(name, images.split("train"), images.split("test"));
        }
        if (Files.isRegularFile(abs.resolve("train.csv")) && Files.isRegularFile(abs.resolve("test.csv"))) {
            DataSplit training = CsvDataset.read(abs.resolve("train.csv"));
            DataSplit test = CsvDataset.read(abs.resolve("test.csv"), abs, training.numClasses());
            return new Source(name, training, test);
        }
        throw new IllegalArgumentException(abs + " is not a many-shot data set: expected train/ and test/ folders of "
                + "<class>/<image> files, or train.csv and test.csv files of 'path,label' lines");
    }

    /** The folder of the linked images inside the task folder. */
    public static final String IMAGES = "images";

    /**
     * Writes the task folder: the images used (linked) and the list files (unchanged files are left
     * as they are).
     *
     * @param source the data set
     * @param trainAmount examples per class to train on, or null for all
     * @param valAmount examples per class of those to validate on
     * @param seed the seed of the sampling
     * @param taskDir the task folder to write
     * @return the splits written
     * @throws IllegalArgumentException if an image path contains white space (the list format
     *     separates path and label by white space) or leaves the data set folder
     */
    public static StratifiedSplit.ManyShot write(Source source, PerClass trainAmount, PerClass valAmount, long seed,
            Path taskDir) {
        StratifiedSplit.ManyShot splits = StratifiedSplit.manyShot(source.training().samples(), trainAmount, valAmount,
                seed);
        Map<String, List<Sample>> lists = Map.of(TuningTrial.TRAIN_SPLIT, splits.train(),
                TuningTrial.VALIDATION_SPLIT, splits.val(), FinalTrial.TRAIN_SPLIT, splits.trainval(),
                FinalTrial.TEST_SPLIT, source.test().samples());
        Path task = taskDir.toAbsolutePath().normalize();
        for (Map.Entry<String, List<Sample>> e : lists.entrySet()) {
            DataSplit from = e.getKey().equals(FinalTrial.TEST_SPLIT) ? source.test() : source.training();
            String text = e.getValue().stream().map(s -> line(task, from, s)).collect(Collectors.joining());
            Path file = task.resolve(e.getKey() + ".txt");
            if (!Files.isRegularFile(file) || !text.equals(read(file))) {
                AtomicFiles.writeString(file, text);
            }
        }
        return splits;
    }

    /** Links the sample's image into the task folder and returns its list line. */
    private static String line(Path taskDir, DataSplit split, Sample s) {
        Path relative = Path.of(s.path()).normalize();
        if (relative.isAbsolute() || relative.startsWith("..")) {
            throw new IllegalArgumentException("the image path '" + s.path() + "' of " + split.source() + " leaves the "
                    + "data set folder; keep the images inside it");
        }
        String path = IMAGES + "/" + relative.toString().replace('\\', '/');
        if (path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the image path '" + split.resolve(s) + "' contains white space, which "
                    + "the list format cannot hold; rename the file or folder");
        }
        link(split.resolve(s).toAbsolutePath().normalize(), taskDir.resolve(path));
        return path + " " + s.label() + "\n";
    }

    /** A hard link to the image, or a copy where the file system cannot link; kept when already there. */
    private static void link(Path image, Path target) {
        try {
            if (Files.exists(target) && Files.isSameFile(image, target)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, image);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(image, target);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the image " + image + " does not exist; fix the data set", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place " + image + " under " + target.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
