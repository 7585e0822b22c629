package org.peft4j.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.peft4j.runtime.data.ContentHash;
import org.peft4j.runtime.io.AtomicFiles;

/**
 * A folder of generated files that is complete only when its marker file is: the marker, written
 * atomically after everything else, holds a stamp (generator version and settings) and the SHA-256
 * of every list file. A folder whose marker is missing, has another stamp or does not match the
 * lists (an interrupted or edited generation) is emptied and generated again. Generation holds a
 * file lock beside the folder, so concurrent processes generate it once.
 */
final class GeneratedFolder {

    /** Name of the marker file inside the folder. */
    static final String MARKER = "COMPLETE";

    private static final Logger LOG = LogManager.getLogger(GeneratedFolder.class);
    private static final Object IN_PROCESS = new Object();

    /** Fills a folder. */
    @FunctionalInterface
    interface Generator {
        /**
         * @param folder an empty folder to fill
         * @throws IOException on a write failure
         */
        void generate(Path folder) throws IOException;
    }

    private GeneratedFolder() {}

    /**
     * Makes sure the folder holds a complete generation with this stamp.
     *
     * @param folder the folder
     * @param stamp one line naming the generator version and settings
     * @param generator fills the emptied folder
     * @return true if it was generated now, false if a complete one was there
     */
    static boolean ensure(Path folder, String stamp, Generator generator) {
        if (stamp.contains("\n")) {
            throw new IllegalArgumentException("a stamp is one line, got '" + stamp + "'");
        }
        synchronized (IN_PROCESS) {
            Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
            try {
                Files.createDirectories(folder.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (isComplete(folder, stamp)) {
                        return false;
                    }
                    LOG.info("generating {} ({})", folder, stamp);
                    empty(folder);
                    Files.createDirectories(folder);
                    generator.generate(folder);
                    AtomicFiles.writeString(folder.resolve(MARKER), marker(folder, stamp));
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot generate " + folder + ": " + e + "; check that the folder is writable and the disk has room", e);
            }
        }
    }

    /**
     * Whether the folder holds a complete generation with this stamp whose lists are unchanged.
     *
     * @param folder the folder
     * @param stamp the expected stamp
     * @return true if complete
     * @throws IOException if the marker exists but cannot be read
     */
    static boolean isComplete(Path folder, String stamp) throws IOException {
        Path marker = folder.resolve(MARKER);
        return Files.isRegularFile(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).equals(marker(folder, stamp));
    }

    private static String marker(Path folder, String stamp) throws IOException {
        StringBuilder out = new StringBuilder(stamp).append('\n');
        for (Path list : lists(folder)) {
            out.append(ContentHash.sha256(Files.readAllBytes(list))).append("  ")
                    .append(folder.relativize(list).toString().replace('\\', '/')).append('\n');
        }
        return out.toString();
    }

    private static List<Path> lists(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p) && (name.endsWith(".txt") || name.endsWith(".csv"));
            }).sorted().toList();
        }
    }

    private static void empty(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
