package org.peft4j.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive (as written by {@code numpy.savez} or
 * {@code numpy.savez_compressed}): a zip of {@code .npy} arrays whose key is the member name
 * without {@code .npy}.
 */
public final class NpzFile {

    /** The most data bytes all arrays of an archive may hold together (also bounded by the heap). */
    public static final long MAX_TOTAL_BYTES = 16L << 30;

    private NpzFile() {}

    /**
     * Reads every array of an archive into memory.
     *
     * @param file the {@code .npz} file
     * @return the arrays by key, in archive order, with no metadata
     * @throws CheckpointException if the file is missing, truncated, not a zip, or holds an array
     *     that is not a little-endian float array in C order
     */
    public static TensorArchive read(Path file) {
        return read(file, Math.min(MAX_TOTAL_BYTES, Runtime.getRuntime().maxMemory()));
    }

    /**
     * Reads every array of an archive, refusing one whose declared shape disagrees with its size
     * or whose data would take the arrays over a total.
     *
     * @param file the {@code .npz} file
     * @param maxTotalBytes the most data bytes of all arrays together
     * @return the arrays by key, in archive order
     */
    static TensorArchive read(Path file, long maxTotalBytes) {
        if (!Files.exists(file)) {
            throw new CheckpointException(file, "does not exist");
        }
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String member = entry.getName();
                NpyArray.Problem problem = what -> new CheckpointException(file, "member '" + member + "' " + what);
                if (!member.endsWith(".npy")) {
                    throw problem.at("is not a .npy array; an npz archive holds only .npy members");
                }
                RawTensor t = readMember(file, zip, entry, problem, maxTotalBytes - total);
                total += t.data().remaining();
                tensors.put(member.substring(0, member.length() - 4), t);
            }
        } catch (ZipException e) {
            throw new CheckpointException(file, "is not a readable npz (zip) archive, probably truncated or not an npz: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        }
        if (tensors.isEmpty()) {
            throw new CheckpointException(file, "is an empty npz archive");
        }
        return new TensorArchive(file, tensors, Map.of());
    }

    private static RawTensor readMember(Path file, ZipFile zip, ZipEntry entry, NpyArray.Problem problem,
            long maxDataBytes) {
        try (InputStream in = zip.getInputStream(entry)) {
            return NpyArray.read(problem, in, entry.getSize(), maxDataBytes);
        } catch (IOException e) {
            throw new CheckpointException(file, "member '" + entry.getName() + "' cannot be read, the archive is "
                    + "probably truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
