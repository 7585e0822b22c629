package org.peft4j.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a split's content: its list (the list file's hash) and the bytes of every image
 * it names, in list order. A cache or a checkpoint keyed by it is never reused after an image was
 * replaced under the same name. Reading every image costs about as much as copying the files once
 * (a few tenths of a second for a VTAB-1K split).
 */
public final class ImageContentHash {

    private static final int BUFFER = 1 << 16;

    private ImageContentHash() {}

    /**
     * Hashes a split's list and image bytes. A missing or unreadable image is hashed as such (the
     * decoder reports it with its line).
     *
     * @param split the split
     * @return SHA-256 hex
     */
    public static String of(DataSplit split) {
        MessageDigest digest = sha256();
        digest.update(("list=" + split.contentHash() + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[BUFFER];
        for (Sample sample : split.samples()) {
            digest.update((sample.path() + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(split.resolve(sample))) {
                long length = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
                digest.update(("\n" + length + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                digest.update("\nmissing\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                digest.update(("\nunreadable\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
