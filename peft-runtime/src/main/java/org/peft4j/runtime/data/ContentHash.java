package org.peft4j.runtime.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, used to key list files and caches. */
public final class ContentHash {

    private ContentHash() {}

    /**
     * @param bytes content
     * @return the SHA-256 of the bytes in hex (64 characters)
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    /**
     * @param text content, encoded as UTF-8
     * @return the SHA-256 of the text in hex
     */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
