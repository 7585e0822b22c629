package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cached transform (stretch, shorter side + centre crop) and the random resized crop. */
class TransformsTest {

    private static RgbImage image(int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31 + i / w);
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void stretchIgnoresTheAspectRatio() {
        RgbImage out = ImageTransform.stretch(24).apply(image(60, 10));
        assertEquals(24, out.width());
        assertEquals(24, out.height());
    }

    @Test
    void centerCropResizesTheShorterSideThenCropsTheMiddle() {
        RgbImage in = image(40, 30);
        // torchvision Resize(18): shorter side 30 → 18, longer 40 → int(18 · 40 / 30) = 24; then a centred 16 crop
        RgbImage expected = BicubicResampler.resize(in, 24, 18).crop(4, 1, 16, 16);
        assertArrayEquals(expected.pixels(), ImageTransform.centerCrop(16, 18).apply(in).pixels());
        RgbImage tall = ImageTransform.centerCrop(16, 18).apply(image(30, 41));
        assertEquals(16, tall.width());
        assertEquals(16, tall.height());
        assertThrows(IllegalArgumentException.class, () -> ImageTransform.centerCrop(16, 12));
        assertTrue(ImageTransform.stretch(16).cacheKey().contains("size=16"));
    }

    @Test
    void randomResizedCropStaysInsideAndWithinTheScaleRange() {
        Augmentation rrc = Augmentation.manyShot();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            int[] box = rrc.cropBox(224, 224, random);
            assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 224 && box[1] + box[3] <= 224);
            double area = (double) box[2] * box[3] / (224 * 224);
            double ratio = (double) box[2] / box[3];
            assertTrue(area >= 0.07 && area <= 1.0, "area " + area);
            assertTrue(ratio >= 0.74 && ratio <= 1.36, "ratio " + ratio);
        }
        RgbImage out = rrc.apply(image(32, 32), new SplittableRandom(1));
        assertEquals(32, out.width());
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(true, 0, 1, false, false));
    }

    @Test
    void cropCopiesTheRectangle() {
        RgbImage in = image(7, 5);
        RgbImage c = in.crop(2, 1, 3, 2);
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    assertEquals(in.get(ch, x + 2, y + 1), c.get(ch, x, y));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> in.crop(5, 0, 3, 2));
    }
}
