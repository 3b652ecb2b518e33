package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Compares the decoding, channel conversion, resize and crop of {@link ImageFolders} with
 * torchvision's {@code Resize(32)} and {@code CenterCrop(32)} on PIL images. The image files and
 * expected crops come from {@code src/test/python/make_folder_fixtures.py} (Pillow 9.4.0,
 * torchvision 0.14.1). Every byte must match, JPEG files included: on these baseline and
 * progressive, 4:2:0 and 4:2:2 files Java's JPEG decoder and PIL's libjpeg-turbo agree.
 */
class ImageFoldersPilTest {

    @Test
    void matchesPilOnRgb() throws Exception {
        compareWithPil("folders/expected_rgb_uint8.npy", 3);
    }

    @Test
    void matchesPilOnGrey() throws Exception {
        compareWithPil("folders/expected_grey_uint8.npy", 1);
    }

    @Test
    void decodesEachPixelLayout() throws Exception {
        Path images = NpyTest.resource("folders/images");
        assertEquals(1, DecodedImage.read(images.resolve("c_grey_square.png")).channels());
        assertEquals(1, DecodedImage.read(images.resolve("g_grey16.png")).channels());
        assertEquals(1, DecodedImage.read(images.resolve("i_grey_alpha.png")).channels());
        assertEquals(3, DecodedImage.read(images.resolve("e_rgba.png")).channels());
        assertEquals(3, DecodedImage.read(images.resolve("f_palette.png")).channels());
        assertEquals(3, DecodedImage.read(images.resolve("h_rgb16.png")).channels());

        DecodedImage tall = DecodedImage.read(images.resolve("b_rgb_celeba_size.jpg"));
        assertEquals(218, tall.height());
        assertEquals(178, tall.width());
    }

    private static void compareWithPil(String expectedName, int channels) throws Exception {
        NpyArray expected = Npy.read(NpyTest.resource(expectedName));
        assertArrayEquals(new int[] {15, channels, 32, 32}, expected.shape());
        float[][] rows = expected.toFloatRows();
        List<Path> files = imageFiles();
        assertEquals(rows.length, files.size(), "fixture files");

        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            float[] image = ImageFolders.toTrainingImage(DecodedImage.read(file), channels);
            int worst = 0;
            for (int p = 0; p < image.length; p++) {
                int level = Math.round((image[p] + 1f) * 127.5f);
                worst = Math.max(worst, Math.abs(level - Math.round(rows[i][p])));
            }
            assertEquals(0, worst, file.getFileName() + ": largest difference from PIL's crop,"
                    + " in grey levels");
        }
    }

    static List<Path> imageFiles() throws Exception {
        try (Stream<Path> listing = Files.list(NpyTest.resource("folders/images"))) {
            return listing.sorted().toList();
        }
    }
}
