package io.topogan.metrics;

/**
 * What a TorchScript feature model expects as input and how it is called.
 *
 * @param size side of the square input images; other sizes are resized bilinearly
 * @param channels 1 or 3; grey images are repeated to 3 channels, colour images averaged to 1
 * @param byteRange true for pixel values in 0..255, false for [-1, 1]
 * @param returnFeaturesArgument true to call {@code forward(images, True)}, the signature of the
 *     Inception file, false to call {@code forward(images)}
 */
public record InputContract(int size, int channels, boolean byteRange,
        boolean returnFeaturesArgument) {

    /**
     * The Inception-v3 TorchScript file {@code inception-2015-12-05.pt} of StyleGAN2-ADA and
     * clean-fid: 299x299 RGB in 0..255, {@code forward(img, return_features=True)} returns the
     * 2048 pool features. The file resizes other sizes itself; resizing here first makes its own
     * resize an identity.
     */
    public static final InputContract INCEPTION = new InputContract(299, 3, true, true);

    /** The fallback classifiers of {@code src/main/python/train_fallback_classifier.py}. */
    public static final InputContract LENET = new InputContract(32, 1, false, false);

    public InputContract {
        if (size < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + size);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("input channels must be 1 or 3, got " + channels);
        }
    }
}
