package io.topogan.geometry;

import java.util.stream.IntStream;

/**
 * Mean and covariance of feature vectors, the Gaussian that the Fréchet distance compares.
 *
 * @param mean {@code d} values
 * @param covariance {@code d x d} symmetric sample covariance with the {@code n - 1} denominator,
 *     as {@code numpy.cov(features, rowvar=False)}
 * @param samples the number of feature vectors {@code n} behind the estimate
 */
public record GaussianStatistics(double[] mean, double[][] covariance, int samples) {

    /** Rows of the covariance that one parallel task accumulates at a time. */
    private static final int ROW_BLOCK = 4;
    /**
     * Samples whose contributions are added in one parallel pass; small enough that the chunk
     * stays in the processor cache while every row block reads it.
     */
    private static final int SAMPLE_CHUNK = 64;

    public GaussianStatistics {
        int d = mean.length;
        if (d < 1) {
            throw new IllegalArgumentException("the mean must have at least 1 value");
        }
        if (covariance.length != d) {
            throw new IllegalArgumentException("the covariance has " + covariance.length
                    + " rows but the mean has " + d + " values");
        }
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has "
                        + covariance[i].length + " values, expected " + d);
            }
        }
        if (samples < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got "
                    + samples);
        }
    }

    public int dimension() {
        return mean.length;
    }

    /**
     * Fits the statistics to feature vectors, one per row, with all available processors.
     *
     * @throws IllegalArgumentException if there are fewer than 2 rows, rows of different lengths,
     *     empty rows, or NaN or infinite values
     */
    public static GaussianStatistics of(float[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got "
                    + n);
        }
        int d = features[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("feature vectors must have at least 1 value");
        }
        double[] mean = new double[d];
        for (int s = 0; s < n; s++) {
            float[] row = features[s];
            if (row.length != d) {
                throw new IllegalArgumentException("feature vector " + s + " has " + row.length
                        + " values, expected " + d + " like the first");
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("feature vector " + s
                            + " has a NaN or infinite value at index " + j);
                }
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }

        double[][] centered = new double[n][d];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) {
                centered[s][j] = features[s][j] - mean[j];
            }
        }
        double[][] covariance = new double[d][];
        for (int i = 0; i < d; i++) {
            covariance[i] = new double[d];
        }
        int blocks = (d + ROW_BLOCK - 1) / ROW_BLOCK;
        for (int first = 0; first < n; first += SAMPLE_CHUNK) {
            int chunkStart = first;
            int chunkEnd = Math.min(n, first + SAMPLE_CHUNK);
            IntStream.range(0, blocks).parallel()
                    .forEach(block -> accumulateRows(centered, chunkStart, chunkEnd, covariance,
                            block * ROW_BLOCK, Math.min(d, (block + 1) * ROW_BLOCK)));
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double value = covariance[i][j] / (n - 1);
                covariance[i][j] = value;
                covariance[j][i] = value;
            }
        }
        return new GaussianStatistics(mean, covariance, n);
    }

    /**
     * Adds {@code sum_s x[s][i] x[s][j]} over samples {@code first..last-1} for {@code j <= i} to
     * rows {@code from..to-1}. The block
     * shares each loaded sample row among its rows, and the inner loops are plain multiply-adds
     * over contiguous arrays, which the JIT compiles to SIMD instructions.
     */
    private static void accumulateRows(double[][] centered, int first, int last,
            double[][] covariance, int from, int to) {
        for (int s = first; s < last; s++) {
            double[] x = centered[s];
            if (to - from == ROW_BLOCK) {
                double[] c0 = covariance[from];
                double[] c1 = covariance[from + 1];
                double[] c2 = covariance[from + 2];
                double[] c3 = covariance[from + 3];
                double a0 = x[from];
                double a1 = x[from + 1];
                double a2 = x[from + 2];
                double a3 = x[from + 3];
                for (int j = 0; j <= from; j++) {
                    double value = x[j];
                    c0[j] += a0 * value;
                    c1[j] += a1 * value;
                    c2[j] += a2 * value;
                    c3[j] += a3 * value;
                }
                c1[from + 1] += a1 * a1;
                c2[from + 1] += a2 * a1;
                c2[from + 2] += a2 * a2;
                c3[from + 1] += a3 * a1;
                c3[from + 2] += a3 * a2;
                c3[from + 3] += a3 * a3;
            } else {
                for (int i = from; i < to; i++) {
                    double[] row = covariance[i];
                    double a = x[i];
                    for (int j = 0; j <= i; j++) {
                        row[j] += a * x[j];
                    }
                }
            }
        }
    }
}
