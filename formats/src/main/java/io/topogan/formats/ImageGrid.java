package io.topogan.formats;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Writes a batch of images as one PNG grid, e.g. generator samples of an epoch.
 *
 * <p>Input images are CHW float arrays in [-1, 1] (1 or 3 channels); a value v becomes the byte
 * {@code round((v + 1) / 2 * 255)}, clamped to 0..255, with NaN as 0. Images fill the grid row by
 * row, separated and surrounded by {@value #PADDING} black pixels.
 */
public final class ImageGrid {

    /** Pixels between neighbouring images and around the grid. */
    public static final int PADDING = 2;

    private ImageGrid() {
    }

    /**
     * Writes the grid as PNG to {@code out} (not closed): {@code columns} images per row and as
     * many rows as needed, grey for 1 channel and RGB for 3.
     */
    public static void writePng(float[][] images, int channels, int height, int width,
            int columns, OutputStream out) throws IOException {
        BufferedImage grid = render(images, channels, height, width, columns);
        if (!ImageIO.write(grid, "png", out)) {
            throw new IOException("no PNG writer is available in this JVM");
        }
    }

    /** Draws the grid; package-private so tests can read pixels without decoding a PNG. */
    static BufferedImage render(float[][] images, int channels, int height, int width,
            int columns) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (images.length == 0 || columns <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("need at least one image, columns > 0 and a"
                    + " positive image size");
        }
        int plane = height * width;
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != channels * plane) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length
                        + " values, expected " + channels + " x " + height + " x " + width);
            }
        }
        int gridColumns = Math.min(columns, images.length);
        int gridRows = (images.length + columns - 1) / columns;
        int gridWidth = gridColumns * (width + PADDING) + PADDING;
        int gridHeight = gridRows * (height + PADDING) + PADDING;
        int type = channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage grid = new BufferedImage(gridWidth, gridHeight, type);
        WritableRaster raster = grid.getRaster();

        int[] pixel = new int[channels];
        for (int i = 0; i < images.length; i++) {
            int left = PADDING + (i % columns) * (width + PADDING);
            int top = PADDING + (i / columns) * (height + PADDING);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        pixel[c] = toByte(images[i][c * plane + y * width + x]);
                    }
                    raster.setPixel(left + x, top + y, pixel);
                }
            }
        }
        return grid;
    }

    /** Maps [-1, 1] to 0..255, clamping values outside and treating NaN as -1. */
    static int toByte(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        long level = Math.round((value + 1.0) / 2.0 * 255.0);
        return (int) Math.max(0, Math.min(255, level));
    }
}
