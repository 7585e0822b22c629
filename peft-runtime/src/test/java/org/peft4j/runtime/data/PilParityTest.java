package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with Pillow 9.4 (the reference's PIL): fixtures in src/test/resources/data/pil were made
 * by make_pil_fixtures.py there with {@code Image.open(f).convert("RGB").resize(size, BICUBIC)}.
 */
class PilParityTest {

    static RgbImage fixture(String name) throws IOException, URISyntaxException {
        return ImageDecoder.decode(Path.of(PilParityTest.class.getResource("/data/pil/" + name).toURI()));
    }

    @ParameterizedTest
    @CsvSource({"32, 32", "224, 224", "20, 90", "97, 30", "13, 61"})
    void bicubicResizeMatchesPilExactly(int w, int h) throws Exception {
        RgbImage resized = BicubicResampler.resize(fixture("src_97x61.png"), w, h);
        RgbImage pil = fixture("src_97x61_to_" + w + "x" + h + ".png");
        assertEquals(w, pil.width());
        assertArrayEquals(pil.pixels(), resized.pixels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray", "palette", "rgba", "gray_alpha"})
    void conversionToRgbMatchesPilExactly(String name) throws Exception {
        assertArrayEquals(fixture(name + "_rgb.png").pixels(), fixture(name + ".png").pixels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo_rgb.png", "photo_224.png"})
    void jpegPipelineIsWithinOneLevelOfPil(String expected) throws Exception {
        RgbImage decoded = fixture("photo.jpg");
        RgbImage ours = expected.contains("224") ? ImageTransform.stretch(224).apply(decoded) : decoded;
        byte[] pil = fixture(expected).pixels();
        int max = 0;
        long differing = 0;
        for (int i = 0; i < pil.length; i++) {
            int d = Math.abs((pil[i] & 0xFF) - (ours.pixels()[i] & 0xFF));
            max = Math.max(max, d);
            differing += d > 0 ? 1 : 0;
        }
        // javax.imageio (IJG libjpeg 6b) and PIL (libjpeg-turbo) may round the IDCT/upsampling differently
        assertTrue(max <= 2, "max |ours - PIL| = " + max + " over " + differing + " of " + pil.length + " values");
        System.out.printf("JPEG parity %s: max diff %d, %d of %d values differ%n", expected, max, differing, pil.length);
    }
}
