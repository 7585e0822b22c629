package org.peft4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.peft4j.runtime.data.DataProblem;
import org.peft4j.runtime.data.DataSplit;
import org.peft4j.runtime.data.Sample;
import org.peft4j.runtime.data.SplitValidator;
import org.peft4j.runtime.data.VtabDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peft validate}: every problem of every list file of a VTAB-1K task folder (or of a folder of tasks). */
@Command(name = "validate", sortOptions = false,
        description = {"Report every problem of the list files and images of VTAB-1K task folders.",
                "Checks task folders before training and prints every problem at once, one line each "
                + "with the list file and line: malformed lines, labels out of range, duplicate images, paths that "
                + "escape the folder ('..', absolute, symbolic links), missing list files or images, and (unless "
                + "--no-decode) images that cannot be decoded. Each image is decoded once even if several lists "
                + "name it.",
                "DIR is a task folder (holding train800.txt, val200.txt, train800val200.txt, test.txt) or a folder of "
                        + "task folders. Exit code 1 if there is any problem."},
        footer = {"", "Examples:",
                "  peft validate data/vtab-1k/dtd",
                "  peft validate data/vtab-1k --no-decode",
                "  peft validate data/vtab-1k/dtd --classes 47"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A task folder, or a folder of task folders")
    Path dir;

    @Option(names = "--classes", paramLabel = "N", description = "Number of classes; labels at or above it are problems "
            + "(default: the largest label + 1)")
    Integer classes;

    @Option(names = "--decode", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Decode every image to find corrupt ones (default: on; --no-decode checks paths only)")
    boolean decode;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        List<Path> tasks = tasks();
        PrintWriter out = spec.commandLine().getOut();
        int problems = 0;
        for (Path task : tasks) {
            List<DataProblem> found = validate(task, out);
            found.forEach(p -> out.println(p));
            problems += found.size();
        }
        out.flush();
        if (problems > 0) {
            throw new CommandException(problems + " data problem" + (problems == 1 ? "" : "s") + " in " + dir
                    + " (listed above); fix the lines, then validate again");
        }
        return 0;
    }

    /** The task folders under DIR: DIR itself if it holds a list file, else its sub-folders that do. */
    private List<Path> tasks() {
        if (!Files.isDirectory(dir)) {
            throw new CommandException(dir + " is not a folder; give a VTAB-1K task folder or a folder of them");
        }
        if (isTask(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> tasks = children.filter(ValidateCommand::isTask).sorted().toList();
            if (tasks.isEmpty()) {
                throw new CommandException(dir + " holds no VTAB-1K list file (" + String.join(".txt, ", VtabDataset.SPLITS)
                        + ".txt) and no task folder with one");
            }
            return tasks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTask(Path folder) {
        return Files.isDirectory(folder)
                && VtabDataset.SPLITS.stream().anyMatch(s -> Files.isRegularFile(folder.resolve(s + ".txt")));
    }

    private List<DataProblem> validate(Path task, PrintWriter out) {
        VtabDataset dataset = classes == null ? VtabDataset.open(task) : VtabDataset.open(task, classes);
        int decodeThreads = threads.count();
        List<DataProblem> problems = new ArrayList<>();
        Set<Path> decoded = new HashSet<>();
        int listed = 0;
        for (String name : VtabDataset.SPLITS) {
            DataSplit split = dataset.split(name);
            listed += split.size();
            List<DataProblem> structure = SplitValidator.checkStructure(split);
            problems.addAll(structure);
            if (decode) {
                problems.addAll(SplitValidator.checkImages(notYetDecoded(split, decoded), decodeThreads));
            }
        }
        problems.sort(Comparator.comparing((DataProblem p) -> p.source().toString()).thenComparingInt(DataProblem::line));
        out.println(task + ": " + Formats.count(listed) + " images listed in " + VtabDataset.SPLITS.size()
                + " list files, " + dataset.numClasses() + " classes, " + (problems.isEmpty() ? "no problems"
                        : problems.size() + " problem" + (problems.size() == 1 ? "" : "s")));
        return problems;
    }

    /** The split restricted to images no earlier split has decoded, for decoding each image once. */
    private static DataSplit notYetDecoded(DataSplit split, Set<Path> decoded) {
        List<Sample> fresh = new ArrayList<>();
        for (Sample sample : split.samples()) {
            if (decoded.add(split.resolve(sample).toAbsolutePath().normalize())) {
                fresh.add(sample);
            }
        }
        return new DataSplit(split.name(), split.root(), split.source(), fresh, split.numClasses(),
                split.contentHash(), List.of());
    }
}
