package io.topogan.formats;

/**
 * Resizes 8-bit image planes as Pillow's {@code Image.resize(size, Image.BILINEAR)} does (Pillow
 * 9.4), the filter behind torchvision's {@code Resize} on PIL images. Unlike {@link Bilinear}, it
 * antialiases: when shrinking by a factor {@code s > 1}, the triangle filter is stretched to a
 * support of {@code s} source pixels on each side, so every source pixel contributes.
 *
 * <p>Output pixel {@code o} is centred at {@code c = (o + 0.5) * in / out} and reads source pixels
 * {@code round(c - support) .. round(c + support) - 1}, clamped to the image, with weights
 * {@code max(0, 1 - |i + 0.5 - c| / max(s, 1))} divided by their sum. As in Pillow, the weights are
 * stored as fixed-point integers with 22 fractional bits, the horizontal pass runs first, and
 * each pass rounds to 8 bits, so the output equals Pillow's byte for byte.
 */
final class AntialiasedBilinear {

    /** Fractional bits of the fixed-point weights: 32 bits minus 8 for the pixel, minus 2. */
    private static final int PRECISION_BITS = 22;

    private AntialiasedBilinear() {
    }

    /**
     * Resizes {@code channels} planes of unsigned bytes stored in CHW order.
     *
     * @return {@code channels * outHeight * outWidth} unsigned bytes in CHW order
     */
    static byte[] resize(byte[] source, int channels, int inHeight, int inWidth, int outHeight,
            int outWidth) {
        if (outHeight <= 0 || outWidth <= 0 || inHeight <= 0 || inWidth <= 0) {
            throw new IllegalArgumentException("image sizes must be positive");
        }
        if (source.length != channels * inHeight * inWidth) {
            throw new IllegalArgumentException("source has " + source.length + " values, expected "
                    + channels + " x " + inHeight + " x " + inWidth);
        }
        // Pillow skips a pass whose axis keeps its size.
        byte[] horizontal = inWidth == outWidth ? source
                : resizeRows(source, channels * inHeight, inWidth, Weights.of(inWidth, outWidth));
        if (inHeight == outHeight) {
            return horizontal;
        }
        return resizeColumns(horizontal, channels, inHeight, outWidth,
                Weights.of(inHeight, outHeight));
    }

    private static byte[] resizeRows(byte[] source, int rows, int inWidth, Weights weights) {
        int outWidth = weights.first.length;
        byte[] out = new byte[rows * outWidth];
        for (int row = 0; row < rows; row++) {
            int offset = row * inWidth;
            for (int x = 0; x < outWidth; x++) {
                int[] kernel = weights.fixed[x];
                int start = offset + weights.first[x];
                int sum = 1 << (PRECISION_BITS - 1);
                for (int k = 0; k < kernel.length; k++) {
                    sum += (source[start + k] & 0xFF) * kernel[k];
                }
                out[row * outWidth + x] = clip8(sum);
            }
        }
        return out;
    }

    private static byte[] resizeColumns(byte[] source, int channels, int inHeight, int width,
            Weights weights) {
        int outHeight = weights.first.length;
        byte[] out = new byte[channels * outHeight * width];
        for (int c = 0; c < channels; c++) {
            int planeIn = c * inHeight * width;
            int planeOut = c * outHeight * width;
            for (int y = 0; y < outHeight; y++) {
                int[] kernel = weights.fixed[y];
                int start = planeIn + weights.first[y] * width;
                for (int x = 0; x < width; x++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int k = 0; k < kernel.length; k++) {
                        sum += (source[start + k * width + x] & 0xFF) * kernel[k];
                    }
                    out[planeOut + y * width + x] = clip8(sum);
                }
            }
        }
        return out;
    }

    /** Drops the fraction of a fixed-point sum whose rounding half was added up front. */
    private static byte clip8(int sum) {
        if (sum <= 0) {
            return 0;
        }
        if (sum >= 1 << (PRECISION_BITS + 8)) {
            return (byte) 255;
        }
        return (byte) (sum >> PRECISION_BITS);
    }

    /** First source index and fixed-point weights of each output position along one axis. */
    private record Weights(int[] first, int[][] fixed) {

        static Weights of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            // Pillow multiplies by the reciprocal; dividing could change the last bit.
            double inverse = 1.0 / filterScale;
            int[] first = new int[outSize];
            int[][] fixed = new int[outSize][];
            for (int o = 0; o < outSize; o++) {
                double centre = (o + 0.5) * scale;
                int min = Math.max((int) (centre - support + 0.5), 0);
                int max = Math.min((int) (centre + support + 0.5), inSize);
                double[] weights = new double[max - min];
                double total = 0;
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = triangle((i + min - centre + 0.5) * inverse);
                    total += weights[i];
                }
                fixed[o] = new int[weights.length];
                for (int i = 0; i < weights.length; i++) {
                    double normalized = total != 0.0 ? weights[i] / total : weights[i];
                    fixed[o][i] = (int) (0.5 + normalized * (1 << PRECISION_BITS));
                }
                first[o] = min;
            }
            return new Weights(first, fixed);
        }

        private static double triangle(double x) {
            double distance = Math.abs(x);
            return distance < 1.0 ? 1.0 - distance : 0.0;
        }
    }
}
