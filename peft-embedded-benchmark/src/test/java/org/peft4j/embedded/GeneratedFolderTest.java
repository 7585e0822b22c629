package org.peft4j.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated folder counts only with its marker; anything else is emptied and generated again. */
class GeneratedFolderTest {

    @TempDir
    Path dir;

    private final AtomicInteger runs = new AtomicInteger();

    private boolean ensure(Path folder, String stamp) {
        return GeneratedFolder.ensure(folder, stamp, f -> {
            runs.incrementAndGet();
            Files.writeString(f.resolve("list.txt"), "a.png 0\n");
            Files.write(f.resolve("a.png"), new byte[] {1, 2, 3});
        });
    }

    @Test
    void aCompleteFolderIsKept() throws Exception {
        Path folder = dir.resolve("set");
        assertTrue(ensure(folder, "v1"));
        String marker = Files.readString(folder.resolve(GeneratedFolder.MARKER));
        assertTrue(marker.startsWith("v1\n") && marker.contains("  list.txt\n"), marker);
        assertFalse(ensure(folder, "v1"));
        assertEquals(1, runs.get());
        assertTrue(GeneratedFolder.isComplete(folder, "v1"));
    }

    @Test
    void aHalfWrittenFolderIsEmptiedAndGeneratedAgain() throws Exception {
        Path folder = dir.resolve("set");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("list.txt"), "a.png 0\n");
        Files.writeString(folder.resolve("leftover.png"), "from an interrupted run");
        assertTrue(ensure(folder, "v1"), "no marker: generate");
        assertFalse(Files.exists(folder.resolve("leftover.png")), "emptied first");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(folder.resolve("a.png")));
        assertEquals(1, runs.get());
    }

    @Test
    void anEditedListOrAnotherStampRegenerates() throws Exception {
        Path folder = dir.resolve("set");
        ensure(folder, "v1");
        Files.writeString(folder.resolve("list.txt"), "a.png 1\n");
        assertFalse(GeneratedFolder.isComplete(folder, "v1"));
        assertTrue(ensure(folder, "v1"), "the list no longer matches the marker");
        assertEquals("a.png 0\n", Files.readString(folder.resolve("list.txt")));
        assertTrue(ensure(folder, "v2"), "another generator version");
        assertEquals(3, runs.get());
    }

    @Test
    void aFailedGenerationLeavesNoMarker() {
        Path folder = dir.resolve("set");
        try {
            GeneratedFolder.ensure(folder, "v1", f -> {
                Files.writeString(f.resolve("list.txt"), "a.png 0\n");
                throw new java.io.IOException("disk full");
            });
        } catch (java.io.UncheckedIOException expected) {
            assertTrue(expected.getMessage().contains("disk full") && expected.getMessage().contains(folder.toString()),
                    expected.getMessage());
        }
        assertFalse(Files.exists(folder.resolve(GeneratedFolder.MARKER)));
        assertTrue(ensure(folder, "v1"));
    }
}
