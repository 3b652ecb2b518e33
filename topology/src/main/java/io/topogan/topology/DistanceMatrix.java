package io.topogan.topology;

import java.util.stream.IntStream;

/**
 * Symmetric matrix of pairwise distances between {@code size()} points, stored as the strictly
 * lower triangle in row-major order: d(1,0), d(2,0), d(2,1), d(3,0), ... This is the order of
 * Ripser's {@code lower-distance} input format. Entries are float, as in Ripser.
 */
public final class DistanceMatrix {

    private final int size;
    private final float[] lower;

    private DistanceMatrix(int size, float[] lower) {
        this.size = size;
        this.lower = lower;
        for (int i = 0; i < lower.length; i++) {
            float value = lower[i];
            if (!(value >= 0) || Float.isInfinite(value)) {
                throw new IllegalArgumentException(
                        "distance " + value + " at packed position " + i
                                + " is invalid: distances must be finite and >= 0");
            }
        }
    }

    /**
     * Wraps a packed strict lower triangle of length size * (size - 1) / 2, without copying.
     *
     * @throws IllegalArgumentException if the length does not match or an entry is negative, NaN
     *     or infinite
     */
    public static DistanceMatrix fromPackedLower(float[] lower, int size) {
        long expected = (long) size * (size - 1) / 2;
        if (size < 0 || lower.length != expected) {
            throw new IllegalArgumentException("packed lower triangle of " + size
                    + " points needs " + expected + " entries, got " + lower.length);
        }
        return new DistanceMatrix(size, lower);
    }

    /**
     * Builds the matrix from rows of a full or lower-triangular matrix: row i must have at least
     * i entries, and only entries j < i are read. A full square matrix is therefore accepted and
     * its upper triangle ignored.
     */
    public static DistanceMatrix fromRows(double[][] rows) {
        int n = rows.length;
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        int position = 0;
        for (int i = 0; i < n; i++) {
            if (rows[i].length < i) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " entries, needs at least " + i);
            }
            for (int j = 0; j < i; j++) {
                lower[position++] = (float) rows[i][j];
            }
        }
        return new DistanceMatrix(n, lower);
    }

    /** Same as {@link #fromRows(double[][])} for float rows. */
    public static DistanceMatrix fromRows(float[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = new double[Math.min(rows[i].length, i)];
            for (int j = 0; j < copy[i].length; j++) {
                copy[i][j] = rows[i][j];
            }
            if (rows[i].length < i) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " entries, needs at least " + i);
            }
        }
        return fromRows(copy);
    }

    /**
     * Computes all pairwise distances of a point cloud (one point per row, all rows of the same
     * length). Sums are accumulated in double and rounded to float once, so values can differ
     * from Ripser's float accumulation in the last float bit. Rows are split over the common
     * fork-join pool.
     */
    public static DistanceMatrix of(float[][] points, Metric metric) {
        int n = points.length;
        int dimension = n == 0 ? 0 : points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i].length != dimension) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " coordinates, point 0 has " + dimension);
            }
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        double[] norms = metric == Metric.COSINE ? norms(points) : null;
        IntStream rows = IntStream.range(1, n);
        if ((long) n * n * dimension > 2_000_000L) {
            rows = rows.parallel();
        }
        rows.forEach(i -> {
            int offset = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                lower[offset + j] = metric == Metric.EUCLIDEAN
                        ? euclidean(points[i], points[j])
                        : cosine(points[i], points[j], norms[i], norms[j]);
            }
        });
        return new DistanceMatrix(n, lower);
    }

    /** Number of points. */
    public int size() {
        return size;
    }

    /** Distance between points i and j; 0 on the diagonal. */
    public float get(int i, int j) {
        if (i == j) {
            return 0f;
        }
        int row = Math.max(i, j);
        int column = Math.min(i, j);
        return lower[row * (row - 1) / 2 + column];
    }

    /** Packed strict lower triangle, shared with this matrix (do not modify). */
    float[] packedLower() {
        return lower;
    }

    /**
     * Enclosing radius: min over points of the max distance to the other points. Above it the
     * Rips complex is a cone, so no homology is born or alive there. Returns 0 for fewer than two
     * points.
     */
    public float enclosingRadius() {
        if (size < 2) {
            return 0f;
        }
        float[] rowMax = new float[size];
        int position = 0;
        for (int i = 1; i < size; i++) {
            for (int j = 0; j < i; j++) {
                float d = lower[position++];
                rowMax[i] = Math.max(rowMax[i], d);
                rowMax[j] = Math.max(rowMax[j], d);
            }
        }
        float radius = Float.POSITIVE_INFINITY;
        for (float value : rowMax) {
            radius = Math.min(radius, value);
        }
        return radius;
    }

    private static float euclidean(float[] x, float[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        int length = x.length;
        for (; k + 3 < length; k += 4) {
            double d0 = x[k] - y[k];
            double d1 = x[k + 1] - y[k + 1];
            double d2 = x[k + 2] - y[k + 2];
            double d3 = x[k + 3] - y[k + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; k < length; k++) {
            double d = x[k] - y[k];
            s0 += d * d;
        }
        return (float) Math.sqrt((s0 + s1) + (s2 + s3));
    }

    private static float cosine(float[] x, float[] y, double normX, double normY) {
        if (normX == 0 || normY == 0) {
            return 1f;
        }
        double dot = 0;
        for (int k = 0; k < x.length; k++) {
            dot += (double) x[k] * y[k];
        }
        double distance = 1 - dot / (normX * normY);
        return (float) Math.max(0, distance);
    }

    private static double[] norms(float[][] points) {
        double[] norms = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double sum = 0;
            for (float value : points[i]) {
                sum += (double) value * value;
            }
            norms[i] = Math.sqrt(sum);
        }
        return norms;
    }
}
