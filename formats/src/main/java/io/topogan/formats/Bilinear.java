package io.topogan.formats;

/**
 * Bilinear image resizing with half-pixel centres, computed like PyTorch's
 * {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)} on float32 input
 * (and hence like torchvision's {@code Resize} on tensors when upsampling): no antialiasing.
 *
 * <p>Output pixel {@code o} samples the source at {@code s = max(0, (o + 0.5) * in / out - 0.5)},
 * between pixels {@code floor(s)} and {@code min(floor(s) + 1, in - 1)} with weight
 * {@code s - floor(s)} on the second.
 */
public final class Bilinear {

    private Bilinear() {
    }

    /**
     * Resizes {@code channels} planes stored in CHW order.
     *
     * @param source      {@code channels * inHeight * inWidth} values
     * @return {@code channels * outHeight * outWidth} values in CHW order
     */
    public static float[] resize(float[] source, int channels, int inHeight, int inWidth,
            int outHeight, int outWidth) {
        if (source.length != channels * inHeight * inWidth) {
            throw new IllegalArgumentException("source has " + source.length + " values, expected "
                    + channels + " x " + inHeight + " x " + inWidth);
        }
        if (outHeight <= 0 || outWidth <= 0 || inHeight <= 0 || inWidth <= 0) {
            throw new IllegalArgumentException("image sizes must be positive");
        }
        Axis rows = Axis.of(inHeight, outHeight);
        Axis columns = Axis.of(inWidth, outWidth);
        float[] out = new float[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            int planeIn = c * inHeight * inWidth;
            int planeOut = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int row0 = planeIn + rows.low[y] * inWidth;
                int row1 = planeIn + rows.high[y] * inWidth;
                float wy0 = rows.lowWeight[y];
                float wy1 = rows.highWeight[y];
                for (int x = 0; x < outWidth; x++) {
                    int x0 = columns.low[x];
                    int x1 = columns.high[x];
                    float wx0 = columns.lowWeight[x];
                    float wx1 = columns.highWeight[x];
                    float top = wx0 * source[row0 + x0] + wx1 * source[row0 + x1];
                    float bottom = wx0 * source[row1 + x0] + wx1 * source[row1 + x1];
                    out[planeOut + y * outWidth + x] = wy0 * top + wy1 * bottom;
                }
            }
        }
        return out;
    }

    /** Source indices and weights of each output position along one axis. */
    private record Axis(int[] low, int[] high, float[] lowWeight, float[] highWeight) {

        static Axis of(int inSize, int outSize) {
            float scale = (float) inSize / outSize;
            int[] low = new int[outSize];
            int[] high = new int[outSize];
            float[] lowWeight = new float[outSize];
            float[] highWeight = new float[outSize];
            for (int o = 0; o < outSize; o++) {
                float position = Math.max(scale * (o + 0.5f) - 0.5f, 0f);
                int index = Math.min((int) position, inSize - 1);
                float lambda = Math.min(Math.max(position - index, 0f), 1f);
                low[o] = index;
                high[o] = index < inSize - 1 ? index + 1 : index;
                lowWeight[o] = 1f - lambda;
                highWeight[o] = lambda;
            }
            return new Axis(low, high, lowWeight, highWeight);
        }
    }
}
