package io.topogan.events;

import java.util.List;

/**
 * A blob in object storage that an event points to.
 *
 * @param key object key, always under the run's prefix {@code runs/{runId}/}
 * @param shape array shape for {@code .npy} blobs (first axis is the sample index), empty otherwise
 * @param dtype NumPy dtype of {@code .npy} blobs such as {@code float32}, or the media type of
 *     other blobs such as {@code image/png}
 */
public record BlobRef(String key, List<Integer> shape, String dtype) {

    public BlobRef {
        shape = NonNullLists.copyOf(shape, "shape");
    }
}
