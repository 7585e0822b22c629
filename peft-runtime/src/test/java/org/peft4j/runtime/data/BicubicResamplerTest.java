package org.peft4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Known values of PIL-style bicubic resampling. */
class BicubicResamplerTest {

    @Test
    void constantImageStaysConstantUpAndDown() {
        byte[] plane = new byte[37 * 23];
        Arrays.fill(plane, (byte) 173);
        for (int[] size : new int[][] {{224, 224}, {8, 5}, {100, 11}, {37, 60}}) {
            byte[] out = BicubicResampler.resizePlane(plane, 37, 23, size[0], size[1]);
            assertEquals(size[0] * size[1], out.length);
            for (byte b : out) {
                assertEquals(173, b & 0xFF, "resize to " + Arrays.toString(size));
            }
        }
    }

    @Test
    void linearRampStaysLinearAwayFromTheBorders() {
        int w = 64;
        byte[] ramp = new byte[w * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < w; x++) {
                ramp[y * w + x] = (byte) (x * 4);
            }
        }
        // upscaling by 2: output x samples input coordinate (x + 0.5) / 2 − 0.5; cubic convolution
        // reproduces linear functions exactly, so away from the clipped borders the ramp is exact
        byte[] up = BicubicResampler.resizePlane(ramp, w, 4, 2 * w, 4);
        for (int x = 4; x < 2 * w - 4; x++) {
            double expected = 4 * ((x + 0.5) / 2 - 0.5);
            assertEquals(expected, up[x] & 0xFF, 0.51, "upscaled x = " + x);
        }
        // downscaling by 2 (antialiased): output x averages inputs around 2x + 0.5
        byte[] down = BicubicResampler.resizePlane(ramp, w, 4, w / 2, 4);
        for (int x = 2; x < w / 2 - 2; x++) {
            assertEquals(4 * (2 * x + 0.5), down[x] & 0xFF, 0.51, "downscaled x = " + x);
        }
    }

    @Test
    void downscalingACheckerboardByTwoAverages() {
        int n = 32;
        byte[] board = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                board[y * n + x] = (byte) ((x + y) % 2 == 0 ? 255 : 0);
            }
        }
        byte[] out = BicubicResampler.resizePlane(board, n, n, n / 2, n / 2);
        for (int y = 1; y < n / 2 - 1; y++) {
            for (int x = 1; x < n / 2 - 1; x++) {
                int v = out[y * n / 2 + x] & 0xFF;
                assertTrue(Math.abs(v - 127.5) <= 1, "pixel " + x + "," + y + " = " + v + ", expected the mean 127.5");
            }
        }
    }

    @Test
    void sameSizeIsACopyAndOneAxisOnlyLeavesTheOtherUntouched() {
        byte[] plane = new byte[12 * 3];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) (i * 7);
        }
        byte[] same = BicubicResampler.resizePlane(plane, 12, 3, 12, 3);
        assertArrayEquals(plane, same);
        byte[] taller = BicubicResampler.resizePlane(plane, 12, 3, 12, 9);
        // a vertical-only resize keeps every column's own values (no horizontal mixing): column 0
        // of a constant-per-column image stays constant
        byte[] columns = new byte[12 * 3];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = (byte) (i % 12 * 20);
        }
        byte[] tallColumns = BicubicResampler.resizePlane(columns, 12, 3, 12, 9);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 12; x++) {
                assertEquals(x * 20, tallColumns[y * 12 + x] & 0xFF);
            }
        }
        assertEquals(12 * 9, taller.length);
    }

    @Test
    void rgbResizeTreatsChannelsIndependently() {
        byte[] px = new byte[3 * 10 * 10];
        Arrays.fill(px, 0, 100, (byte) 10);
        Arrays.fill(px, 100, 200, (byte) 20);
        Arrays.fill(px, 200, 300, (byte) 250);
        RgbImage out = BicubicResampler.resize(new RgbImage(10, 10, px), 7, 13);
        assertEquals(10, out.get(0, 3, 5));
        assertEquals(20, out.get(1, 6, 12));
        assertEquals(250, out.get(2, 0, 0));
    }
}
