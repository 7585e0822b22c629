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
        if (!Files.exists(file)) {
            throw new CheckpointException(file, "does not exist");
        }
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
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
                tensors.put(member.substring(0, member.length() - 4), NpyArray.parse(problem, readMember(file, zip, entry)));
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

    private static byte[] readMember(Path file, ZipFile zip, ZipEntry entry) {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
                throw new IOException(bytes.length + " of " + entry.getSize() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new CheckpointException(file, "member '" + entry.getName() + "' cannot be read, the archive is "
                    + "probably truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
