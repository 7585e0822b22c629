package org.peft4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR}: the result store of a comparison, for the commands that read one. */
final class StoreOption {

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The result store of the comparison")
    Path dir;
}
