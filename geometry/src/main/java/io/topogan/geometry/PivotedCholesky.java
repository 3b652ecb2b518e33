package io.topogan.geometry;

import java.util.stream.IntStream;

/**
 * Cholesky factorisation with diagonal pivoting of a symmetric positive semi-definite matrix:
 * {@code P^T S P = L L^T} with L of size d x r, r the numerical rank. At step j the largest
 * remaining diagonal becomes the pivot, and the factorisation stops when it falls to
 * {@code d * ulp(1) * max(diag(S))} or below, the default tolerance of LAPACK's {@code dpstrf}.
 *
 * @param lower d rows of length d; row k holds its non-zero values in columns
 *     {@code 0..min(k, rank-1)}, the other entries are 0
 * @param permutation {@code permutation[i]} is the row of S that became row i of {@code P^T S P}
 * @param rank the number of columns of L
 */
record PivotedCholesky(double[][] lower, int[] permutation, int rank) {

    /** Rows that one parallel task computes in each column. */
    private static final int ROW_CHUNK = 32;

    static PivotedCholesky of(double[][] s) {
        int d = s.length;
        int[] permutation = new int[d];
        double[] diagonal = new double[d];
        double largest = 0;
        for (int i = 0; i < d; i++) {
            permutation[i] = i;
            diagonal[i] = s[i][i];
            if (!Double.isFinite(diagonal[i])) {
                throw new IllegalArgumentException("the covariance has a NaN or infinite value on"
                        + " its diagonal at index " + i);
            }
            largest = Math.max(largest, diagonal[i]);
        }
        double tolerance = d * Math.ulp(1.0) * largest;
        double[][] lower = new double[d][d];

        int rank = d;
        for (int j = 0; j < d; j++) {
            int pivot = j;
            for (int i = j + 1; i < d; i++) {
                if (diagonal[i] > diagonal[pivot]) {
                    pivot = i;
                }
            }
            if (!(diagonal[pivot] > tolerance)) {
                rank = j;
                break;
            }
            swap(permutation, j, pivot);
            swap(diagonal, j, pivot);
            double[] row = lower[j];
            lower[j] = lower[pivot];
            lower[pivot] = row;

            double pivotValue = Math.sqrt(diagonal[j]);
            double[] pivotRow = lower[j];
            pivotRow[j] = pivotValue;
            double[] sourceRow = s[permutation[j]];
            int column = j;
            int chunks = (d - j - 1 + ROW_CHUNK - 1) / ROW_CHUNK;
            IntStream stream = IntStream.range(0, chunks);
            if ((long) (d - j) * j > 1 << 16) {
                stream = stream.parallel();
            }
            stream.forEach(chunk -> {
                int from = column + 1 + chunk * ROW_CHUNK;
                int to = Math.min(d, from + ROW_CHUNK);
                for (int i = from; i < to; i++) {
                    double[] target = lower[i];
                    double value = (sourceRow[permutation[i]] - dot(target, pivotRow, column))
                            / pivotValue;
                    target[column] = value;
                    diagonal[i] -= value * value;
                }
            });
        }
        return new PivotedCholesky(lower, permutation, rank);
    }

    /** Returns {@code sum a[k] b[k]} over {@code k < length}, with four independent sums. */
    private static double dot(double[] a, double[] b, int length) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            sum0 += a[k] * b[k];
            sum1 += a[k + 1] * b[k + 1];
            sum2 += a[k + 2] * b[k + 2];
            sum3 += a[k + 3] * b[k + 3];
        }
        for (; k < length; k++) {
            sum0 += a[k] * b[k];
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    private static void swap(int[] values, int i, int j) {
        int value = values[i];
        values[i] = values[j];
        values[j] = value;
    }

    private static void swap(double[] values, int i, int j) {
        double value = values[i];
        values[i] = values[j];
        values[j] = value;
    }
}
