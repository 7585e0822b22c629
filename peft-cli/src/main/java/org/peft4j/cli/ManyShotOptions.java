package org.peft4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.peft4j.eval.manyshot.ManyShotLayout;
import org.peft4j.eval.manyshot.PerClass;
import org.peft4j.eval.protocol.Benchmark;
import org.peft4j.eval.protocol.BenchmarkTask;
import org.peft4j.eval.protocol.TaskCatalog;
import picocli.CommandLine.Option;

/** The options of {@code peft compare --many-shot}: a full-size data set instead of VTAB-1K task folders. */
final class ManyShotOptions {

    @Option(names = "--many-shot", description = "--data is one many-shot data set (train/ and test/ image folders, "
            + "or train.csv and test.csv); its splits are written as list files under <results.dir>/many-shot/<name>")
    boolean enabled;

    @Option(names = "--train-per-class", paramLabel = "N|F", description = "With --many-shot: training examples per "
            + "class, a count (100) or fraction (0.1, 10%%) of the training split (default: all)")
    String trainPerClass;

    @Option(names = "--val-per-class", paramLabel = "N|F", defaultValue = "10%",
            description = "With --many-shot: validation examples per class, carved out of the training examples "
                    + "(default: ${DEFAULT-VALUE})")
    String valPerClass;

    /**
     * Writes the data set's splits and describes them as a one-task benchmark.
     *
     * @param data the data set folder
     * @param resultsDir where the list files go ({@code many-shot/<name>/<name>})
     * @param seed the seed of the sampling
     * @return the benchmark
     */
    Benchmark benchmark(Path data, Path resultsDir, long seed) {
        if (data == null) {
            throw new IllegalArgumentException("--many-shot needs --data: a folder with train/ and test/ image folders, "
                    + "or with train.csv and test.csv");
        }
        ManyShotLayout.Source source = ManyShotLayout.open(data);
        PerClass train = trainPerClass == null ? null : PerClass.parse(trainPerClass, "--train-per-class");
        PerClass val = PerClass.parse(valPerClass, "--val-per-class");
        Path root = resultsDir.resolve("many-shot").resolve(source.name()).toAbsolutePath().normalize();
        ManyShotLayout.write(source, train, val, seed, root.resolve(source.name()));
        String suffix = train == null ? "full" : train.toString().replace("%", "pct");
        return Benchmark.folder(source.name() + "-" + suffix, root,
                List.of(new BenchmarkTask(source.name(), TaskCatalog.group(source.name()))));
    }
}
