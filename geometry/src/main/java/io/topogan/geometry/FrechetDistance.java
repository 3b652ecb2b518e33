package io.topogan.geometry;

import java.util.stream.IntStream;

/**
 * Fréchet distance between two Gaussians, the quantity behind FID (Heusel et al., "GANs trained
 * by a two time-scale update rule converge to a local Nash equilibrium", NeurIPS 2017):
 * {@code ||mu1 - mu2||^2 + Tr(S1) + Tr(S2) - 2 Tr((S1 S2)^(1/2))}.
 *
 * <p>The trace of the matrix square root is computed without forming the square root. With a
 * diagonally pivoted Cholesky factorisation {@code P^T S1 P = L L^T} (L of size d x r, r the
 * numerical rank of S1), the non-zero eigenvalues of {@code S1 S2} are those of the symmetric
 * positive semi-definite {@code C = L^T (P^T S2 P) L}, so
 * {@code Tr((S1 S2)^(1/2)) = sum sqrt(max(0, eig(C)))}. The eigenvalues come from
 * {@link SymmetricEigenvalues}. This costs about {@code 3.3 d^3} floating-point operations, needs
 * no complex arithmetic, and stays real and finite for singular covariances, where a general
 * matrix square root ({@code scipy.linalg.sqrtm}) can return NaN or a complex result.
 */
public final class FrechetDistance {

    /** Rows of a matrix product that one parallel task computes. */
    private static final int ROW_BLOCK = 4;

    private FrechetDistance() {
    }

    /**
     * Fits Gaussians to both feature sets and returns their Fréchet distance.
     *
     * @throws IllegalArgumentException if a set has fewer than 2 rows, the rows differ in length,
     *     or a value is NaN or infinite
     */
    public static double between(float[][] features1, float[][] features2) {
        return between(GaussianStatistics.of(features1), GaussianStatistics.of(features2));
    }

    /**
     * Returns the Fréchet distance of two fitted Gaussians, at least 0.
     *
     * @throws IllegalArgumentException if the dimensions differ or a value is not finite
     */
    public static double between(GaussianStatistics first, GaussianStatistics second) {
        int d = first.dimension();
        if (second.dimension() != d) {
            throw new IllegalArgumentException("the feature dimensions differ: " + d + " and "
                    + second.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double difference = first.mean()[i] - second.mean()[i];
            meanTerm += difference * difference;
        }
        double traces = 0;
        for (int i = 0; i < d; i++) {
            traces += first.covariance()[i][i] + second.covariance()[i][i];
        }
        double distance = meanTerm + traces
                - 2 * traceSqrtProduct(first.covariance(), second.covariance());
        if (!Double.isFinite(distance)) {
            throw new IllegalArgumentException("the Fréchet distance is not finite; the statistics"
                    + " contain NaN or infinite values");
        }
        // Rounding can leave a tiny negative value for identical Gaussians.
        return Math.max(distance, 0);
    }

    /**
     * Returns {@code Tr((S1 S2)^(1/2))} for symmetric positive semi-definite {@code S1} and
     * {@code S2}, the sum of the square roots of the eigenvalues of {@code S1 S2}. Negative
     * eigenvalues, which only rounding produces for such matrices, count as 0.
     *
     * @throws IllegalArgumentException if the matrices are not square of the same size
     */
    public static double traceSqrtProduct(double[][] s1, double[][] s2) {
        int d = s1.length;
        requireSquare(s1, d, "S1");
        requireSquare(s2, d, "S2");

        PivotedCholesky factor = PivotedCholesky.of(s1);
        int rank = factor.rank();
        if (rank == 0) {
            return 0;
        }
        int[] order = factor.permutation();
        double[][] lower = factor.lower();
        double[][] permuted = new double[d][d];
        for (int i = 0; i < d; i++) {
            double[] row = s2[order[i]];
            double[] target = permuted[i];
            for (int j = 0; j < d; j++) {
                target[j] = row[order[j]];
            }
        }
        double[][] product = multiplyByLower(permuted, lower, rank);
        double[][] congruence = lowerTransposeTimes(lower, product, rank);
        double[] eigenvalues = SymmetricEigenvalues.of(congruence);
        double sum = 0;
        for (double eigenvalue : eigenvalues) {
            sum += Math.sqrt(Math.max(eigenvalue, 0));
        }
        return sum;
    }

    private static void requireSquare(double[][] matrix, int d, String name) {
        if (d < 1 || matrix.length != d) {
            throw new IllegalArgumentException(name + " has " + matrix.length
                    + " rows, expected " + d + " (both matrices square of the same size)");
        }
        for (int i = 0; i < d; i++) {
            if (matrix[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + matrix[i].length + " values, expected " + d);
            }
        }
    }

    /**
     * Returns {@code T = S L} (d x r) for a symmetric {@code S} and the pivoted Cholesky factor
     * {@code L}, whose row k has non-zero values in columns {@code 0..min(k, r-1)} only.
     */
    private static double[][] multiplyByLower(double[][] s, double[][] lower, int rank) {
        int d = s.length;
        double[][] product = new double[d][rank];
        int blocks = (d + ROW_BLOCK - 1) / ROW_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * ROW_BLOCK;
            int to = Math.min(d, from + ROW_BLOCK);
            if (to - from == ROW_BLOCK) {
                double[] s0 = s[from];
                double[] s1 = s[from + 1];
                double[] s2 = s[from + 2];
                double[] s3 = s[from + 3];
                double[] t0 = product[from];
                double[] t1 = product[from + 1];
                double[] t2 = product[from + 2];
                double[] t3 = product[from + 3];
                for (int k = 0; k < d; k++) {
                    double[] row = lower[k];
                    int end = Math.min(k + 1, rank);
                    double a0 = s0[k];
                    double a1 = s1[k];
                    double a2 = s2[k];
                    double a3 = s3[k];
                    for (int j = 0; j < end; j++) {
                        double value = row[j];
                        t0[j] += a0 * value;
                        t1[j] += a1 * value;
                        t2[j] += a2 * value;
                        t3[j] += a3 * value;
                    }
                }
            } else {
                for (int i = from; i < to; i++) {
                    double[] target = product[i];
                    for (int k = 0; k < d; k++) {
                        double[] row = lower[k];
                        double a = s[i][k];
                        int end = Math.min(k + 1, rank);
                        for (int j = 0; j < end; j++) {
                            target[j] += a * row[j];
                        }
                    }
                }
            }
        });
        return product;
    }

    /**
     * Returns the lower triangle of {@code C = L^T T} (r x r, symmetric), row a holding columns
     * {@code 0..a}. Entry {@code C[a][b] = sum over k >= a of L[k][a] T[k][b]} because
     * {@code L[k][a] = 0} for {@code k < a}.
     */
    private static double[][] lowerTransposeTimes(double[][] lower, double[][] product,
            int rank) {
        int d = lower.length;
        double[][] result = new double[rank][];
        for (int a = 0; a < rank; a++) {
            result[a] = new double[a + 1];
        }
        IntStream.range(0, rank).parallel().forEach(a -> {
            double[] target = result[a];
            for (int k = a; k < d; k++) {
                double coefficient = lower[k][a];
                if (coefficient == 0) {
                    continue;
                }
                double[] row = product[k];
                for (int b = 0; b <= a; b++) {
                    target[b] += coefficient * row[b];
                }
            }
        });
        return result;
    }
}
