package io.topogan.metrics;

import io.topogan.formats.NpyArray;

/** Maps images to feature vectors, the space in which the FID analyzer compares distributions. */
public interface FeatureExtractor extends AutoCloseable {

    /**
     * Returns the model's id, a valid object-key segment such as {@code inception-2015-12-05},
     * which names the cached real-data statistics.
     */
    String name();

    /**
     * Returns one feature vector per image.
     *
     * @param images float32 of shape (n, C, H, W) with values in [-1, 1], C being 1 or 3
     * @throws IllegalArgumentException if the shape or channel count is not supported
     */
    float[][] extract(NpyArray images);

    @Override
    void close();
}
