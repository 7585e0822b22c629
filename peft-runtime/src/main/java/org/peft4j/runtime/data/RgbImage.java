package org.peft4j.runtime.data;

/**
 * An 8-bit RGB image stored planar (channel, row, column), the layout of the model input.
 *
 * @param width columns
 * @param height rows
 * @param pixels {@code 3 × height × width} unsigned bytes: the red plane, then green, then blue
 */
public record RgbImage(int width, int height, byte[] pixels) {

    /** Checks the buffer length. */
    public RgbImage {
        if (width < 1 || height < 1 || pixels.length != 3L * width * height) {
            throw new IllegalArgumentException("an RGB image of " + width + "×" + height + " needs "
                    + 3L * width * height + " bytes, got " + pixels.length);
        }
    }

    /** @return pixels per channel plane */
    public int planeSize() {
        return width * height;
    }

    /**
     * @param channel 0 red, 1 green, 2 blue
     * @param x column
     * @param y row
     * @return the sample, 0..255
     */
    public int get(int channel, int x, int y) {
        return pixels[channel * planeSize() + y * width + x] & 0xFF;
    }

    /**
     * A rectangle of this image (PIL {@code Image.crop} with an in-bounds box).
     *
     * @param x left column
     * @param y top row
     * @param w width
     * @param h height
     * @return a new image
     */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "×" + h + " at (" + x + ", " + y + ") leaves the "
                    + width + "×" + height + " image");
        }
        byte[] out = new byte[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(pixels, c * planeSize() + (y + row) * width + x, out, (c * h + row) * w, w);
            }
        }
        return new RgbImage(w, h, out);
    }
}
