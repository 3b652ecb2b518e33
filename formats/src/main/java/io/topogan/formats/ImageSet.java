package io.topogan.formats;

/**
 * Training images ready for a GAN: {@code images[i]} has {@code channels * height * width} floats
 * in CHW order scaled to [-1, 1], and {@code labels[i]} is its class: 0..9 for the standard
 * datasets, the index of its class folder for an image folder.
 */
public record ImageSet(int channels, int height, int width, float[][] images, int[] labels) {

    public ImageSet {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(images.length + " images but " + labels.length
                    + " labels");
        }
        for (float[] image : images) {
            if (image.length != channels * height * width) {
                throw new IllegalArgumentException("image of " + image.length
                        + " values, expected " + channels + " x " + height + " x " + width);
            }
        }
    }

    /** Number of images. */
    public int size() {
        return images.length;
    }

    /** Values per image, {@code channels * height * width}. */
    public int imageLength() {
        return channels * height * width;
    }
}
