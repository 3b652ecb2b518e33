package io.topogan.geometry;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Eigenvalues of a real symmetric matrix: Householder reduction to tridiagonal form, then the
 * implicit QL algorithm with Wilkinson shifts on the tridiagonal matrix (Golub and Van Loan,
 * "Matrix Computations", 4th ed., sections 8.3.1 and 8.3.3). No eigenvectors are formed.
 *
 * <p>The reduction works on the lower triangle in place. Each Householder step needs the product
 * of the trailing block with its vector and then a rank-2 update of that block. Both happen in one
 * pass over the block: the pass applies the previous step's update to a row and at once adds the
 * row's contribution to the current step's product, so each step reads and writes the trailing
 * triangle once. The rows are split among all available processors in ranges of equal work.
 */
public final class SymmetricEigenvalues {

    /** Below this many trailing rows a step runs on the calling thread. */
    private static final int PARALLEL_ROWS = 192;
    private static final int MAX_QL_ITERATIONS = 60;

    private SymmetricEigenvalues() {
    }

    /**
     * Returns the eigenvalues in ascending order.
     *
     * @param lower the lower triangle of a symmetric m x m matrix, row i holding at least the
     *     {@code i + 1} values of columns {@code 0..i}; it is overwritten
     * @throws IllegalArgumentException if a row is too short
     * @throws ArithmeticException if the QL iteration does not converge, which only NaN or
     *     infinite input causes in practice
     */
    public static double[] of(double[][] lower) {
        int m = lower.length;
        for (int i = 0; i < m; i++) {
            if (lower[i].length < i + 1) {
                throw new IllegalArgumentException("row " + i + " of the lower triangle has "
                        + lower[i].length + " values, expected at least " + (i + 1));
            }
        }
        if (m == 0) {
            return new double[0];
        }
        double[] diagonal = new double[m];
        double[] offDiagonal = new double[m];
        tridiagonalize(lower, diagonal, offDiagonal);
        implicitQl(diagonal, offDiagonal);
        Arrays.sort(diagonal);
        return diagonal;
    }

    /**
     * Reduces the matrix to tridiagonal form {@code Q^T A Q}; {@code offDiagonal[k]} couples rows
     * k and k+1, and {@code offDiagonal[m-1]} is 0.
     */
    static void tridiagonalize(double[][] a, double[] diagonal, double[] offDiagonal) {
        int m = a.length;
        if (m == 1) {
            diagonal[0] = a[0][0];
            return;
        }
        double[] vector = new double[m];
        double[] update = new double[m];
        double[] pendingVector = new double[m];
        double[] pendingUpdate = new double[m];
        boolean pending = false;
        int threads = Runtime.getRuntime().availableProcessors();

        for (int k = 0; k < m - 2; k++) {
            if (pending) {
                for (int i = k; i < m; i++) {
                    a[i][k] -= pendingVector[i] * pendingUpdate[k]
                            + pendingUpdate[i] * pendingVector[k];
                }
            }
            diagonal[k] = a[k][k];

            // Householder vector v with (I - beta v v^T) x = alpha e1, x = a[k+1..m-1][k].
            double head = a[k + 1][k];
            double tailSquares = 0;
            for (int i = k + 2; i < m; i++) {
                tailSquares += a[i][k] * a[i][k];
            }
            double beta = 0;
            Arrays.fill(vector, 0);
            if (tailSquares == 0) {
                offDiagonal[k] = head;
            } else {
                double alpha = -Math.copySign(Math.sqrt(head * head + tailSquares), head);
                vector[k + 1] = head - alpha;
                for (int i = k + 2; i < m; i++) {
                    vector[i] = a[i][k];
                }
                beta = 1 / (alpha * (alpha - head));
                offDiagonal[k] = alpha;
            }

            // p = beta B v over the trailing block B, after applying the previous update to B.
            double[] product = fusedPass(a, k + 1, vector, pending ? pendingVector : null,
                    pendingUpdate, threads);
            double projection = 0;
            for (int i = k + 1; i < m; i++) {
                product[i] *= beta;
                projection += product[i] * vector[i];
            }
            double half = 0.5 * beta * projection;
            for (int i = 0; i < m; i++) {
                update[i] = i > k ? product[i] - half * vector[i] : 0;
            }
            // The block update B -= v w^T + w v^T is applied lazily by the next step.
            double[] swap = pendingVector;
            pendingVector = vector;
            vector = swap;
            swap = pendingUpdate;
            pendingUpdate = update;
            update = swap;
            pending = beta != 0;
        }

        int last = m - 1;
        if (pending) {
            for (int i = last - 1; i <= last; i++) {
                for (int j = last - 1; j <= i; j++) {
                    a[i][j] -= pendingVector[i] * pendingUpdate[j]
                            + pendingUpdate[i] * pendingVector[j];
                }
            }
        }
        diagonal[last - 1] = a[last - 1][last - 1];
        diagonal[last] = a[last][last];
        offDiagonal[last - 1] = a[last][last - 1];
        offDiagonal[last] = 0;
    }

    /**
     * Applies {@code B -= pv pw^T + pw pv^T} (when {@code pendingVector} is not null) to the
     * trailing block {@code B = a[start..][start..]} and returns {@code B v}, both in one pass.
     */
    private static double[] fusedPass(double[][] a, int start, double[] v, double[] pendingVector,
            double[] pendingUpdate, int threads) {
        int m = a.length;
        int rows = m - start;
        int parts = rows < PARALLEL_ROWS ? 1 : threads;
        double[][] partial = new double[parts][m];
        int[] bounds = new int[parts + 1];
        for (int t = 0; t <= parts; t++) {
            // Row i costs about (i - start) operations, so equal work needs sqrt spacing.
            bounds[t] = start + (int) Math.round(rows * Math.sqrt((double) t / parts));
        }
        IntStream range = IntStream.range(0, parts);
        if (parts > 1) {
            range = range.parallel();
        }
        range.forEach(t -> {
            double[] sums = partial[t];
            for (int i = bounds[t]; i < bounds[t + 1]; i++) {
                double[] row = a[i];
                if (pendingVector != null) {
                    double pv = pendingVector[i];
                    double pw = pendingUpdate[i];
                    for (int j = start; j <= i; j++) {
                        row[j] -= pv * pendingUpdate[j] + pw * pendingVector[j];
                    }
                }
                double vi = v[i];
                double dot0 = 0;
                double dot1 = 0;
                int j = start;
                for (; j + 1 < i; j += 2) {
                    dot0 += row[j] * v[j];
                    dot1 += row[j + 1] * v[j + 1];
                    sums[j] += row[j] * vi;
                    sums[j + 1] += row[j + 1] * vi;
                }
                for (; j < i; j++) {
                    dot0 += row[j] * v[j];
                    sums[j] += row[j] * vi;
                }
                sums[i] += dot0 + dot1 + row[i] * vi;
            }
        });
        double[] product = partial[0];
        for (int t = 1; t < parts; t++) {
            double[] sums = partial[t];
            for (int i = start; i < m; i++) {
                product[i] += sums[i];
            }
        }
        return product;
    }

    /**
     * Replaces {@code diagonal} by the eigenvalues (unsorted) of the symmetric tridiagonal matrix
     * with {@code offDiagonal[k]} between rows k and k+1; {@code offDiagonal} is overwritten.
     */
    static void implicitQl(double[] diagonal, double[] offDiagonal) {
        int n = diagonal.length;
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int split = l;
                while (split < n - 1) {
                    double scale = Math.abs(diagonal[split]) + Math.abs(diagonal[split + 1]);
                    if (Math.abs(offDiagonal[split]) <= Math.ulp(1.0) * scale) {
                        break;
                    }
                    split++;
                }
                if (split == l) {
                    break;
                }
                if (++iterations > MAX_QL_ITERATIONS) {
                    throw new ArithmeticException("the QL iteration did not converge for"
                            + " eigenvalue " + l + " after " + MAX_QL_ITERATIONS + " sweeps");
                }
                // Wilkinson shift from the leading 2x2 block of the unreduced part.
                double g = (diagonal[l + 1] - diagonal[l]) / (2 * offDiagonal[l]);
                double r = Math.hypot(g, 1);
                g = diagonal[split] - diagonal[l] + offDiagonal[l] / (g + Math.copySign(r, g));
                double sine = 1;
                double cosine = 1;
                double shiftAccumulated = 0;
                boolean deflated = false;
                for (int i = split - 1; i >= l; i--) {
                    double f = sine * offDiagonal[i];
                    double b = cosine * offDiagonal[i];
                    r = Math.hypot(f, g);
                    offDiagonal[i + 1] = r;
                    if (r == 0) {
                        // Underflow: the matrix splits here; restart with the smaller block.
                        diagonal[i + 1] -= shiftAccumulated;
                        offDiagonal[split] = 0;
                        deflated = true;
                        break;
                    }
                    sine = f / r;
                    cosine = g / r;
                    g = diagonal[i + 1] - shiftAccumulated;
                    r = (diagonal[i] - g) * sine + 2 * cosine * b;
                    shiftAccumulated = sine * r;
                    diagonal[i + 1] = g + shiftAccumulated;
                    g = cosine * r - b;
                }
                if (deflated) {
                    continue;
                }
                diagonal[l] -= shiftAccumulated;
                offDiagonal[l] = g;
                offDiagonal[split] = 0;
            }
        }
    }
}
