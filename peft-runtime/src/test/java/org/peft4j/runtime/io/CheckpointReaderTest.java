package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection by content and extension, and the streaming SHA-256. */
class CheckpointReaderTest {

    @TempDir
    Path dir;

    @Test
    void theContentDecidesTheFormatWhateverTheExtension() throws IOException {
        Path safetensors = dir.resolve("weights.bin");
        SafetensorsFile.writeRaw(safetensors, Map.of("w", new RawTensor(DataType.FLOAT32, new Shape(1), ByteBuffer.allocate(4))),
                Map.of());
        assertEquals(CheckpointFormat.SAFETENSORS, CheckpointReader.format(safetensors));
        Path npz = dir.resolve("weights.safetensors");
        new NpzWriter().addMember("w.npy", NpzWriter.npy(1, "<f4", false, new long[] {1}, new byte[4])).write(npz, false);
        assertEquals(CheckpointFormat.NPZ, CheckpointReader.format(npz));
    }

    @Test
    void theExtensionDecidesForDamagedFiles() throws IOException {
        assertEquals(CheckpointFormat.NPZ, CheckpointReader.format(Files.write(dir.resolve("cut.npz"), new byte[] {1, 2})));
        Path cut = Files.write(dir.resolve("cut.safetensors"), new byte[] {1, 2});
        assertEquals(CheckpointFormat.SAFETENSORS, CheckpointReader.format(cut));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(cut));
        assertTrue(e.getMessage().contains("truncated: 2 bytes"), e.getMessage());
    }

    @Test
    void otherFilesAreRejected() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, world");
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(text));
        assertTrue(e.getMessage().contains("is neither a safetensors file nor an npz archive"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(dir.resolve("absent.npz")));
        assertTrue(e.getMessage().endsWith("absent.npz: does not exist"), e.getMessage());
    }

    @Test
    void sha256IsTheStandardDigest() throws IOException {
        Path abc = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CheckpointReader.sha256(abc));
        Path big = Files.write(dir.resolve("big"), new byte[(1 << 20) * 3 + 5]);
        assertEquals(64, CheckpointReader.sha256(big).length());
    }
}
