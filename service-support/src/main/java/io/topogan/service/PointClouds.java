package io.topogan.service;

import io.topogan.formats.NpyArray;

/** Turns a stored array into a point cloud: one point per row, the other axes flattened. */
public final class PointClouds {

    private PointClouds() {
    }

    /**
     * @throws IllegalArgumentException if the array has fewer than 1 row, no values per row, or a
     *     NaN or infinite value
     */
    public static float[][] rows(NpyArray array, String key) {
        if (array.ndim() < 2 || array.rows() < 1 || array.rowLength() < 1) {
            throw new IllegalArgumentException(key + ": expected an array of shape (points, ...),"
                    + " got " + java.util.Arrays.toString(array.shape()));
        }
        float[][] points = array.toFloatRows();
        for (int i = 0; i < points.length; i++) {
            for (float value : points[i]) {
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException(key + ": point " + i
                            + " has a NaN or infinite coordinate");
                }
            }
        }
        return points;
    }
}
