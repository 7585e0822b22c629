package org.peft4j.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old complete file or the new complete file: the
 * content goes to a temporary file in the same folder ({@code .<name>.<random>.tmp}), is forced to
 * disk, then renamed over, and the folder is forced to disk so that the rename survives a crash.
 * Temporary files that a killed process left behind are removed by {@link #removeStaleTemporaries}.
 */
public final class AtomicFiles {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream (do not close)
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file atomically.
     *
     * @param file destination
     * @param content what to write
     * @throws UncheckedIOException on failure; the destination is then unchanged
     */
    public static void write(Path file, Content content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Creates a file with the given content only if no file of that name exists, atomically: of
     * several processes that try at once exactly one succeeds, and readers never see a partial
     * file. The content is written to a temporary file and hard-linked to the name (where the
     * file system has no hard links, the file is created with {@code CREATE_NEW} instead).
     *
     * @param file destination
     * @param text the content (UTF-8)
     * @return true when this call created the file, false when it existed already
     * @throws UncheckedIOException on failure
     */
    public static boolean createNew(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof java.nio.file.FileAlreadyExistsException) {
                    return false;
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(bytes));
                    ch.force(true);
                }
            }
            forceDirectory(dir);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Removes the temporary files of atomic writes that a killed process left in a folder: hidden
     * files ending in {@code .tmp} older than the given age (younger ones may still be written).
     *
     * @param dir the folder (nothing happens when it does not exist)
     * @param olderThan minimum age of a file to remove
     * @return how many files were removed
     */
    public static int removeStaleTemporaries(Path dir, java.time.Duration olderThan) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - olderThan.toMillis();
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f)
                        && Files.getLastModifiedTime(f).toMillis() < cutoff && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // best effort: a leftover temporary file is hidden and harmless
        }
        return removed;
    }

    /** Forces a folder's entries (a rename, a new link) to disk; a no-op where folders cannot be opened. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a folder (Windows): the rename is then as durable as the OS makes it
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and harmless
        }
    }

    /**
     * Writes a UTF-8 string atomically.
     *
     * @param file destination
     * @param text the content
     */
    public static void writeString(Path file, String text) {
        write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
