package org.peft4j.runtime.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk format of the decoded-image cache, all integers little-endian:
 * <pre>
 *   0    8  magic "PEFT4JIC"
 *   8    4  format version (1)
 *  12    4  channels (3)
 *  16    4  height
 *  20    4  width
 *  24    4  key length k
 *  28    k  cache key (ASCII hex), then zeros up to byte 128
 * 128       N images, each channels × height × width unsigned bytes (CHW)
 *           N int32 labels, then N int32 indices of the images in the split's list
 * end-24  8  N
 * end-16  8  CRC32C of every byte before this field
 * end-8   8  end magic "P4JCEND!"
 * </pre>
 * The trailer holds N so that the file can be streamed in one pass while bad images are skipped. A
 * file is used only if every field matches and its size and checksum are right; otherwise it is
 * rejected with the reason and rebuilt.
 */
final class ImageCacheFile {

    static final int VERSION = 1;
    static final int CHANNELS = 3;
    private static final byte[] MAGIC = "PEFT4JIC".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "P4JCEND!".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 128;
    private static final int TRAILER = 24;
    private static final long MAP_CHUNK = 1L << 30;

    /** A cache file that must not be used, with the reason. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason);
        }
    }

    /** Streams images into a cache file and appends the trailer. */
    static final class Writer {
        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private final int imageBytes;
        private int[] labels = new int[256];
        private int[] indices = new int[256];
        private int count;

        /**
         * Writes the header.
         *
         * @param out destination, positioned at 0
         * @param key the cache key
         * @param size image side
         * @throws IOException on failure
         */
        Writer(OutputStream out, String key, int size) throws IOException {
            this.out = out;
            this.imageBytes = CHANNELS * size * size;
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
            header.put(MAGIC).putInt(VERSION).putInt(CHANNELS).putInt(size).putInt(size).putInt(keyBytes.length).put(keyBytes);
            write(header.array());
        }

        /**
         * Appends one image.
         *
         * @param pixels CHW bytes
         * @param label its label
         * @param index its position in the split
         * @throws IOException on failure
         */
        void add(byte[] pixels, int label, int index) throws IOException {
            if (pixels.length != imageBytes) {
                throw new IllegalArgumentException("an image of " + pixels.length + " bytes in a cache of " + imageBytes);
            }
            write(pixels);
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, 2 * count);
                indices = Arrays.copyOf(indices, 2 * count);
            }
            labels[count] = label;
            indices[count++] = index;
        }

        /**
         * Writes labels, indices and the trailer.
         *
         * @throws IOException on failure
         */
        void finish() throws IOException {
            ByteBuffer tail = ByteBuffer.allocate(8 * count + 8).order(ByteOrder.LITTLE_ENDIAN);
            tail.asIntBuffer().put(labels, 0, count).put(indices, 0, count);
            tail.putLong(8 * count, count);
            write(tail.array());
            ByteBuffer end = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue()).put(END);
            out.write(end.array());
        }

        private void write(byte[] bytes) throws IOException {
            crc.update(bytes);
            out.write(bytes);
        }
    }

    private ImageCacheFile() {}

    /**
     * Opens and fully verifies a cache file, mapping its pixels.
     *
     * @param file the file
     * @param key the expected key
     * @param size the expected image side
     * @return the mapped image regions (one per up to 1 GiB of whole images), labels and indices
     * @throws Rejected if the file is not a complete, intact cache for this key
     * @throws IOException if the file cannot be read
     */
    static Contents open(Path file, String key, int size) throws Rejected, IOException {
        int imageBytes = CHANNELS * size * size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < HEADER + TRAILER) {
                throw new Rejected("the file is truncated (" + fileSize + " bytes)");
            }
            ByteBuffer header = read(ch, 0, HEADER);
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            int version = header.getInt();
            int channels = header.getInt();
            int height = header.getInt();
            int width = header.getInt();
            int keyLength = header.getInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new Rejected("not a version-" + VERSION + " image cache");
            }
            if (channels != CHANNELS || height != size || width != size || keyLength < 0 || keyLength > HEADER - 28) {
                throw new Rejected("it holds " + channels + "×" + height + "×" + width + " images, expected "
                        + CHANNELS + "×" + size + "×" + size);
            }
            byte[] storedKey = new byte[keyLength];
            header.get(storedKey);
            if (!new String(storedKey, StandardCharsets.US_ASCII).equals(key)) {
                throw new Rejected("its key does not match this list and transform");
            }
            ByteBuffer trailer = read(ch, fileSize - TRAILER, TRAILER);
            long count = trailer.getLong();
            long crc = trailer.getLong();
            byte[] end = new byte[END.length];
            trailer.get(end);
            if (count < 0 || count > Integer.MAX_VALUE || !Arrays.equals(end, END)
                    || HEADER + count * (imageBytes + 8L) + TRAILER != fileSize) {
                throw new Rejected("the file is truncated or damaged: its trailer does not describe its "
                        + fileSize + " bytes");
            }
            int n = (int) count;
            if (checksum(ch, fileSize - 16) != crc) {
                throw new Rejected("its checksum does not match: the content is corrupt");
            }
            ByteBuffer tail = read(ch, HEADER + (long) n * imageBytes, 8 * n);
            int[] labels = new int[n];
            int[] indices = new int[n];
            tail.asIntBuffer().get(labels).get(indices);
            return new Contents(map(ch, n, imageBytes), imagesPerRegion(imageBytes), labels, indices);
        }
    }

    /**
     * A verified cache file's content.
     *
     * @param regions read-only mappings of whole images, {@code imagesPerRegion} each (the last fewer)
     * @param imagesPerRegion images in each region
     * @param labels label of each cached image
     * @param indices position of each cached image in the split
     */
    record Contents(List<MappedByteBuffer> regions, int imagesPerRegion, int[] labels, int[] indices) {}

    private static int imagesPerRegion(int imageBytes) {
        return (int) Math.max(1, MAP_CHUNK / imageBytes);
    }

    private static List<MappedByteBuffer> map(FileChannel ch, int count, int imageBytes) throws IOException {
        int per = imagesPerRegion(imageBytes);
        List<MappedByteBuffer> regions = new ArrayList<>();
        for (int first = 0; first < count; first += per) {
            int n = Math.min(per, count - first);
            regions.add(ch.map(FileChannel.MapMode.READ_ONLY, HEADER + (long) first * imageBytes, (long) n * imageBytes));
        }
        return regions;
    }

    private static long checksum(FileChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        for (long pos = 0; pos < length; pos += MAP_CHUNK) {
            crc.update(ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(MAP_CHUNK, length - pos)));
        }
        return crc.getValue();
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + buf.position()));
            }
        }
        return buf.flip();
    }
}
