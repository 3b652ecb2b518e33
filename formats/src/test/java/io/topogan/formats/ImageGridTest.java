package io.topogan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageGridTest {

    @Test
    void writesRgbGridWithPadding() throws IOException {
        // Three 2x3 RGB images: red, green and a blue one with values out of range.
        float[][] images = new float[3][3 * 6];
        java.util.Arrays.fill(images[0], -1f);
        java.util.Arrays.fill(images[0], 0, 6, 1f);
        java.util.Arrays.fill(images[1], -1f);
        java.util.Arrays.fill(images[1], 6, 12, 1f);
        java.util.Arrays.fill(images[2], -5f);
        java.util.Arrays.fill(images[2], 12, 18, 7f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ImageGrid.writePng(images, 3, 2, 3, 2, out);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(2 * (3 + 2) + 2, png.getWidth());
        assertEquals(2 * (2 + 2) + 2, png.getHeight());
        assertEquals(0x000000, png.getRGB(0, 0) & 0xFFFFFF, "padding");
        assertEquals(0xFF0000, png.getRGB(2, 2) & 0xFFFFFF, "first image");
        assertEquals(0x00FF00, png.getRGB(7, 3) & 0xFFFFFF, "second image");
        assertEquals(0x0000FF, png.getRGB(2, 6) & 0xFFFFFF, "third image, clamped");
        assertEquals(0x000000, png.getRGB(5, 2) & 0xFFFFFF, "padding between images");
    }

    @Test
    void mapsValuesToBytes() {
        assertEquals(0, ImageGrid.toByte(-1f));
        assertEquals(128, ImageGrid.toByte(0f));
        assertEquals(255, ImageGrid.toByte(1f));
        assertEquals(255, ImageGrid.toByte(3f));
        assertEquals(0, ImageGrid.toByte(Float.NaN));
    }

    @Test
    void writesGreyGrid() {
        float[][] images = {{0f, 1f, -1f, 0.5f}};
        BufferedImage grid = ImageGrid.render(images, 1, 2, 2, 4);

        assertEquals(6, grid.getWidth());
        assertEquals(6, grid.getHeight());
        assertEquals(128, grid.getRaster().getSample(2, 2, 0));
        assertEquals(255, grid.getRaster().getSample(3, 2, 0));
        assertEquals(191, grid.getRaster().getSample(3, 3, 0));
    }

    @Test
    void rejectsWrongImageLength() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.render(new float[][] {{0f}}, 3, 1, 1, 1));
    }
}
