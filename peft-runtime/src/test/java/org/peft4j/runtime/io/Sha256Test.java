package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void knownVector() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.ofFile(file));
    }

    @Test
    void fileLargerThanTheBufferDigestsLikeItsWholeContent() throws Exception {
        byte[] data = new byte[300_001];
        new Random(1).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(expected, Sha256.ofFile(file));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.safetensors");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Sha256.ofFile(missing));
        assertEquals(true, e.getMessage().contains(missing.toString()));
    }
}
