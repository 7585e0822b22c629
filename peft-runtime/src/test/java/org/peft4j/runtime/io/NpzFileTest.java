package org.peft4j.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npz reader: .npy header versions, and a clear error for each unsupported or damaged input. */
class NpzFileTest {

    @TempDir
    Path dir;

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsVersionOneAndTwoHeadersStoredAndDeflated() throws IOException {
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = dir.resolve("ok" + compressed + ".npz");
            new NpzWriter()
                    .addMember("a/kernel.npy", NpzWriter.npy(1, "<f4", false, new long[] {2, 2}, floats(1, 2, 3, 4)))
                    .addMember("b.npy", NpzWriter.npy(2, "<f4", false, new long[] {3}, floats(5, 6, 7)))
                    .addMember("scalar.npy", NpzWriter.npy(3, "<f4", false, new long[0], floats(8)))
                    .write(file, compressed);
            TensorArchive archive = NpzFile.read(file);
            assertEquals(new Shape(2, 2), archive.get("a/kernel").shape());
            assertEquals(new Shape(3), archive.get("b").shape());
            assertEquals(new Shape(), archive.get("scalar").shape());
            assertEquals(DataType.FLOAT32, archive.get("b").dtype());
            assertEquals(6f, archive.get("b").data().getFloat(4));
        }
    }

    @Test
    void fortranOrderIsRejectedNamingTheMember() throws IOException {
        assertError(one("k.npy", NpzWriter.npy(1, "<f4", true, new long[] {2}, floats(1, 2))),
                "member 'k.npy' is stored in Fortran order");
    }

    @Test
    void unsupportedDtypesAreRejectedNamingTheMember() throws IOException {
        assertError(one("i.npy", NpzWriter.npy(1, "<i8", false, new long[] {1}, new byte[8])),
                "member 'i.npy' has dtype '<i8'; supported are little-endian floats");
        assertError(one("b.npy", NpzWriter.npy(1, ">f4", false, new long[] {1}, new byte[4])),
                "member 'b.npy' has dtype '>f4'");
    }

    @Test
    void shortArrayDataIsTruncated() throws IOException {
        assertError(one("t.npy", NpzWriter.npy(1, "<f4", false, new long[] {3}, floats(1, 2))),
                "member 't.npy' is truncated: shape (3) of <f4 needs 12 data bytes, it has 8");
    }

    @Test
    void badMagicAndForeignMembersAreRejected() throws IOException {
        assertError(one("x.npy", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), "member 'x.npy' is not a .npy array");
        assertError(one("readme.txt", new byte[] {1}), "member 'readme.txt' is not a .npy array");
    }

    @Test
    void aTruncatedArchiveIsReported() throws IOException {
        Path file = one("a.npy", NpzWriter.npy(1, "<f4", false, new long[] {64}, floats(new float[64])));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertError(file, "is not a readable npz (zip) archive, probably truncated or not an npz");
    }

    @Test
    void aDeclaredShapeIsBoundedBeforeAnyDataIsRead() throws IOException {
        assertError(one("huge.npy", NpzWriter.npy(1, "<f4", false, new long[] {1L << 40}, floats(1))),
                "member 'huge.npy' has 4398046511104 data bytes; arrays over 2147483639 bytes are not supported");
        assertError(one("wrap.npy", NpzWriter.npy(1, "<f4", false, new long[] {1L << 32, 1L << 32}, floats(1))),
                "member 'wrap.npy' has a .npy shape [4294967296, 4294967296] whose size overflows 64 bits");
        assertError(one("neg.npy", NpzWriter.npy(1, "<f4", false, new long[] {-1, -4}, floats(1, 2, 3, 4))),
                "member 'neg.npy' has a .npy shape with the negative dimension -1");
    }

    @Test
    void aMemberLargerThanItsShapeIsRefusedBeforeItIsInflated() throws IOException {
        Path file = dir.resolve("bomb.npz");
        new NpzWriter().addMember("w.npy", NpzWriter.npy(1, "<f4", false, new long[] {1}, new byte[64 << 20]))
                .write(file, true);
        assertTrue(Files.size(file) < (1 << 20), "a real zip bomb: small on disk");
        assertError(file, "member 'w.npy' has trailing bytes: shape (1) of <f4 needs 4 data bytes, it has 67108864");
    }

    @Test
    void theArraysOfAnArchiveAreBoundedTogether() throws IOException {
        Path file = dir.resolve("many.npz");
        new NpzWriter().addMember("a.npy", NpzWriter.npy(1, "<f4", false, new long[] {100}, new byte[400]))
                .addMember("b.npy", NpzWriter.npy(1, "<f4", false, new long[] {100}, new byte[400]))
                .addMember("c.npy", NpzWriter.npy(1, "<f4", false, new long[] {100}, new byte[400]))
                .write(file, true);
        assertEquals(3, NpzFile.read(file, 1200).tensors().size());
        CheckpointException e = assertThrows(CheckpointException.class, () -> NpzFile.read(file, 1000));
        assertTrue(e.getMessage().contains("member 'c.npy' declares shape (100) of <f4, 400 data bytes, over the 200 "
                + "left for this archive"), e.getMessage());
    }

    @Test
    void aMissingFileIsReported() {
        assertError(dir.resolve("none.npz"), "does not exist");
    }

    private Path one(String member, byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "one", ".npz");
        new NpzWriter().addMember(member, content).write(file, false);
        return file;
    }

    private static void assertError(Path file, String expected) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> NpzFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
