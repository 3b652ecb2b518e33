package io.topogan.geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of a point cloud with exact duplicates removed, keeping the first occurrence of each row
 * in input order. Two rows are duplicates when every coordinate compares equal as a float, so
 * {@code 0.0f} and {@code -0.0f} count as the same value.
 *
 * @param points the distinct rows; the arrays are shared with the input, not copied
 * @param sourceIndices for each distinct row, its index in the input
 * @param duplicatesRemoved number of input rows dropped, {@code input length - points.length}
 */
public record DistinctPoints(float[][] points, int[] sourceIndices, int duplicatesRemoved) {

    /**
     * Removes exact duplicate rows of {@code points}.
     *
     * @throws IllegalArgumentException if the cloud is empty, ragged or contains NaN or infinity
     */
    public static DistinctPoints of(float[][] points) {
        PointClouds.requireValid(points);
        Map<RowKey, Integer> firstIndexByRow = new HashMap<>(points.length * 2);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            if (firstIndexByRow.putIfAbsent(new RowKey(points[i]), i) == null) {
                kept.add(i);
            }
        }

        float[][] distinct = new float[kept.size()][];
        int[] sourceIndices = new int[kept.size()];
        for (int i = 0; i < distinct.length; i++) {
            sourceIndices[i] = kept.get(i);
            distinct[i] = points[sourceIndices[i]];
        }
        return new DistinctPoints(distinct, sourceIndices, points.length - distinct.length);
    }

    /** Hash key of a row that compares values with {@code ==}, valid because NaN is rejected. */
    private static final class RowKey {
        private final float[] row;
        private final int hash;

        RowKey(float[] row) {
            this.row = row;
            int h = 1;
            for (float value : row) {
                // -0.0f and 0.0f are equal values with different bits: hash them alike.
                h = 31 * h + Float.floatToIntBits(value == 0f ? 0f : value);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof RowKey key) || key.hash != hash) {
                return false;
            }
            for (int c = 0; c < row.length; c++) {
                if (row[c] != key.row[c]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
