package io.topogan.topology;

/**
 * Squared Euclidean distances in single precision, with a bound on their error, to skip exact
 * double-precision distances that cannot change a minimum. The points are stored column
 * by column, so that the loop over points for one coordinate is vectorized by the JIT compiler.
 *
 * <p>Error bound: each term (x - y)^2 in float has a relative error of at most 3u, and the
 * sequential sum of m non-negative terms adds at most (m - 1)u relative error, with u = 2^-24.
 * {@link #notBelow} uses twice that bound, (m + 4)u doubled, and only for sums that neither
 * overflow nor come near the subnormal range, where the bound does not hold.
 */
final class SquaredDistanceBounds {

    /** Coordinates stored above which the copy is not made and every distance is exact. */
    private static final long MAX_VALUES = 1L << 26;

    /** Approximations below this value may have lost relative precision to underflow. */
    private static final float MIN_TRUSTED = 1e-30f;

    private static final int TRANSPOSE_BLOCK = 32;

    private final int size;
    private final int dimension;
    /** Coordinate k of point j at {@code columns[k][j]}. */
    private final float[][] columns;
    private final double margin;

    private SquaredDistanceBounds(float[][] points) {
        this.size = points.length;
        this.dimension = points[0].length;
        this.columns = new float[dimension][size];
        // Blocks of points keep both the rows read and the column runs written in cache.
        for (int block = 0; block < size; block += TRANSPOSE_BLOCK) {
            int end = Math.min(size, block + TRANSPOSE_BLOCK);
            for (int k = 0; k < dimension; k++) {
                float[] column = columns[k];
                for (int j = block; j < end; j++) {
                    column[j] = points[j][k];
                }
            }
        }
        this.margin = marginFor(dimension);
    }

    /**
     * Returns bounds for the points, or null when copying them would take too much memory or
     * when the error bound exceeds a quarter of the value, which happens above about two
     * million coordinates per point.
     */
    static SquaredDistanceBounds of(float[][] points) {
        long values = (long) points.length * points[0].length;
        if (values > MAX_VALUES || marginFor(points[0].length) > 0.25) {
            return null;
        }
        return new SquaredDistanceBounds(points);
    }

    /** Relative error bound of a sum of {@code dimension} squared float differences, doubled. */
    private static double marginFor(int dimension) {
        return 2.0 * (dimension + 4) * Math.ulp(1.0f) / 2;
    }

    /**
     * Writes the single-precision squared distance from point {@code from} to each point j in
     * [lo, hi) into {@code out[j]}.
     */
    void squaredDistances(int from, int lo, int hi, float[] out) {
        java.util.Arrays.fill(out, lo, hi, 0f);
        for (float[] column : columns) {
            float x = column[from];
            for (int j = lo; j < hi; j++) {
                float difference = column[j] - x;
                out[j] += difference * difference;
            }
        }
    }

    /**
     * Returns true if the exact distance whose single-precision square is {@code approximate} is
     * certainly at least {@code current}, so that min(current, distance) is current.
     */
    boolean notBelow(float approximate, double current) {
        if (!(approximate >= MIN_TRUSTED && approximate < Float.POSITIVE_INFINITY)) {
            return false;
        }
        return approximate * (1 - margin) > current * current * (1 + 1e-12);
    }
}
