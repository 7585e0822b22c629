package org.peft4j.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of files, computed by streaming so that large checkpoints need little memory. */
public final class Sha256 {

    private static final int BUFFER = 1 << 16;

    private Sha256() {}

    /**
     * Digests a file.
     *
     * @param file the file
     * @return the digest as 64 lower-case hexadecimal digits
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static String ofFile(Path file) {
        MessageDigest digest = newDigest();
        try {
            update(digest, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compute the SHA-256 of " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Streams a file's bytes into a digest.
     *
     * @param digest the digest to update
     * @param file the file
     * @return the number of bytes read
     * @throws IOException if the file cannot be read (the digest may then hold part of it)
     */
    public static long update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                length += n;
            }
        }
        return length;
    }

    /**
     * A new SHA-256 digest.
     *
     * @return the digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
