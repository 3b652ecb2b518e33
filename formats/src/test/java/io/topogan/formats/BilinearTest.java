package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Compares against PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}; the
 * fixtures come from {@code src/test/python/make_resize_fixtures.py}.
 */
class BilinearTest {

    @Test
    void matchesPytorchInterpolate() throws Exception {
        NpyArray input = Npy.read(NpyTest.resource("resize/input_uint8.npy"));
        NpyArray expected = Npy.read(NpyTest.resource("resize/expected_float32.npy"));
        float[][] inputs = input.toFloatRows();
        float[][] outputs = expected.toFloatRows();
        assertArrayEquals(new int[] {5, 32, 32}, expected.shape());

        for (int image = 0; image < inputs.length; image++) {
            float[] unit = new float[inputs[image].length];
            for (int p = 0; p < unit.length; p++) {
                unit[p] = inputs[image][p] / 255f;
            }
            float[] resized = Bilinear.resize(unit, 1, 28, 28, 32, 32);
            for (int p = 0; p < resized.length; p++) {
                float normalized = (resized[p] - 0.5f) / 0.5f;
                assertEquals(outputs[image][p], normalized, 1e-6f,
                        "image " + image + " pixel " + p);
            }
        }
    }

    @Test
    void keepsConstantImagesAndSameSize() {
        float[] constant = new float[2 * 5 * 7];
        java.util.Arrays.fill(constant, 0.25f);
        for (float value : Bilinear.resize(constant, 2, 5, 7, 9, 3)) {
            assertEquals(0.25f, value, 0f);
        }

        float[] ramp = {0, 1, 2, 3};
        assertArrayEquals(ramp, Bilinear.resize(ramp, 1, 2, 2, 2, 2), 0f);
    }

    @Test
    void upsamplesOneRowWithHalfPixelCentres() {
        // in = 2, out = 4: sources max(0, (o + 0.5) / 2 - 0.5) = 0, 0.25, 0.75, 1.25 -> clamp.
        float[] resized = Bilinear.resize(new float[] {0, 4}, 1, 1, 2, 1, 4);
        assertArrayEquals(new float[] {0, 1, 3, 4}, resized, 1e-7f);
    }
}
