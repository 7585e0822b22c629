package org.peft4j.runtime.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files (JPEG, PNG and whatever else {@code javax.imageio} reads) to 8-bit RGB the
 * way PIL's {@code Image.open(f).convert("RGB")} does: grayscale is replicated to three channels,
 * palette images are looked up, alpha is dropped (not composited), embedded colour profiles are
 * ignored and 16-bit samples keep their high byte. A truncated JPEG (decoder warning "Truncated
 * File - Missing EOI marker" or "Premature end of JPEG file") is an error, as in PIL, rather than
 * an image padded with grey; CMYK JPEGs, which {@code javax.imageio} cannot read, are undecodable.
 */
public final class ImageDecoder {

    private static final List<String> TRUNCATION_WARNINGS = List.of("Truncated File", "Premature end of JPEG file");

    private ImageDecoder() {}

    /**
     * Decodes a file.
     *
     * @param file the image file
     * @return the image, planar RGB
     * @throws IOException if the file cannot be read or is not a decodable image; the message
     *     says why
     */
    public static RgbImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("the file cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no image decoder recognises the content (not a JPEG or PNG file)");
            }
            ImageReader reader = readers.next();
            try {
                AtomicReference<String> truncated = new AtomicReference<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (TRUNCATION_WARNINGS.stream().anyMatch(warning::contains)) {
                        truncated.set(warning);
                    }
                });
                reader.setInput(in, true, true);
                requireBounded(reader, DataLimits.current().maxPixels());
                BufferedImage image = reader.read(0);
                if (truncated.get() != null) {
                    throw new IOException("the image data is truncated (" + truncated.get() + ")");
                }
                return toRgb(image);
            } catch (RuntimeException e) {
                throw new IOException("the " + reader.getFormatName() + " data is corrupt (" + e + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Refuses an image whose header declares more than {@code maxPixels} pixels, before any pixel
     * buffer is allocated (the PNG IHDR or JPEG SOF is all that has been read).
     */
    private static void requireBounded(ImageReader reader, long maxPixels) throws IOException {
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width < 1 || height < 1 || width * height > maxPixels) {
            throw new IOException("its header declares " + width + " x " + height + " = " + width * height
                    + " pixels, " + (width < 1 || height < 1 ? "an empty image" : "over the limit of " + maxPixels
                    + " (data.max_pixels)") + "; resize the image or, if it is genuine, raise data.max_pixels");
        }
    }

    /**
     * Converts a decoded image to planar 8-bit RGB without colour management.
     *
     * @param image a decoded image
     * @return planar RGB
     */
    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = Math.multiplyExact(w, h);
        byte[] out = new byte[Math.multiplyExact(3, plane)];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int colours = cm.getNumColorComponents();
        int colourType = cm.getColorSpace().getType();
        if (!(cm instanceof IndexColorModel) && colours == 1 && colourType == ColorSpace.TYPE_GRAY) {
            byte[] gray = samples(raster, 0, cm.getComponentSize(0), w, h);
            for (int c = 0; c < 3; c++) {
                System.arraycopy(gray, 0, out, c * plane, plane);
            }
        } else if (!(cm instanceof IndexColorModel) && colours == 3 && colourType == ColorSpace.TYPE_RGB) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(samples(raster, c, cm.getComponentSize(c), w, h), 0, out, c * plane, plane);
            }
        } else {
            // palette, and any other colour space: ARGB through the colour model (alpha dropped)
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                out[i] = (byte) (argb[i] >> 16);
                out[plane + i] = (byte) (argb[i] >> 8);
                out[2 * plane + i] = (byte) argb[i];
            }
        }
        return new RgbImage(w, h, out);
    }

    private static byte[] samples(Raster raster, int band, int bits, int w, int h) {
        int[] values = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, band, (int[]) null);
        int shift = Math.max(0, bits - 8);
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) (values[i] >>> shift);
        }
        return out;
    }
}
