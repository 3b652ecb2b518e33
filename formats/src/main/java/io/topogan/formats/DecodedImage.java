package io.topogan.formats;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Pixels of one image file decoded with javax.imageio: 8-bit samples in CHW order, with 1 channel
 * for grey files and 3 (R, G, B) for colour and palette files.
 *
 * <p>Samples are taken from the raster as stored, without colour management, as PIL does: ICC
 * profiles and gamma are ignored. Alpha is dropped without blending. 16-bit samples keep their
 * high byte (what PIL does for 16-bit RGB PNGs, whereas PIL clips 16-bit grey to 0..255). Palette
 * and 1, 2 or 4-bit grey images become their palette's RGB values.
 */
record DecodedImage(int channels, int height, int width, byte[] samples) {

    /** Largest image decoded, in pixels: the size at which Pillow starts warning of a bomb. */
    static final long MAX_PIXELS = 89_478_485L;

    DecodedImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (samples.length != channels * height * width) {
            throw new IllegalArgumentException(samples.length + " samples, expected " + channels
                    + " x " + height + " x " + width);
        }
    }

    /**
     * Decodes a PNG or JPEG file (any format javax.imageio reads, recognised by content).
     *
     * @throws IOException with the reason, without the file name, if the file cannot be read,
     *     is not an image, is truncated or corrupt (a decoder warning counts as corrupt), is
     *     larger than {@link #MAX_PIXELS}, or has a colour space other than grey or RGB (such as
     *     a CMYK JPEG)
     */
    static DecodedImage read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new IOException("empty file");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new IOException("cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException("not a PNG or JPEG image: no image reader recognises"
                        + " its content");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return decode(reader);
            } catch (IIOException | EOFException e) {
                throw new IOException("corrupt " + formatName(reader) + " data: "
                        + messages(e), e);
            } catch (RuntimeException e) {
                // Decoders of corrupt files also fail with unchecked exceptions
                // (IllegalArgumentException, IndexOutOfBoundsException and others).
                throw new IOException("corrupt " + formatName(reader) + " data: " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static DecodedImage decode(ImageReader reader) throws IOException {
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
            throw new IOException(reader.getWidth(0) + " x " + reader.getHeight(0)
                    + " pixels exceeds the limit of " + MAX_PIXELS);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
            // Java's JPEG decoder reports a truncated file only as warnings and fills the
            // missing rows with grey.
            throw new IOException("corrupt " + formatName(reader) + " data: "
                    + warnings.get(0));
        }
        return fromImage(image);
    }

    private static String formatName(ImageReader reader) throws IOException {
        return reader.getFormatName().toUpperCase(Locale.ROOT);
    }

    /** Returns the messages of an exception and its causes, such as "A (B)". */
    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" (").append(cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName()).append(')');
        }
        return text.toString();
    }

    /** Copies the raster's samples, converted to 8 bits, into grey or RGB planes. */
    static DecodedImage fromImage(BufferedImage image) throws IOException {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int height = image.getHeight();
        int width = image.getWidth();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette, height, width);
        }
        if (!(model instanceof ComponentColorModel)) {
            throw new IOException("unsupported pixel layout " + model.getClass().getSimpleName());
        }
        int type = model.getColorSpace().getType();
        int channels;
        if (type == ColorSpace.TYPE_GRAY) {
            channels = 1;
        } else if (type == ColorSpace.TYPE_RGB) {
            channels = 3;
        } else {
            throw new IOException("unsupported colour space (" + colourSpaceName(type)
                    + "); only grey and RGB images are read");
        }
        byte[] samples = new byte[channels * height * width];
        int[] row = new int[width];
        for (int c = 0; c < channels; c++) {
            int bits = model.getComponentSize(c);
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, c, row);
                int offset = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    samples[offset + x] = (byte) to8Bits(row[x], bits);
                }
            }
        }
        return new DecodedImage(channels, height, width, samples);
    }

    private static DecodedImage fromPalette(Raster raster, IndexColorModel palette, int height,
            int width) {
        byte[] samples = new byte[3 * height * width];
        int plane = height * width;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                samples[p] = (byte) palette.getRed(row[x]);
                samples[plane + p] = (byte) palette.getGreen(row[x]);
                samples[2 * plane + p] = (byte) palette.getBlue(row[x]);
            }
        }
        return new DecodedImage(3, height, width, samples);
    }

    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }

    private static String colourSpaceName(int type) {
        return switch (type) {
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            default -> "type " + type;
        };
    }
}
