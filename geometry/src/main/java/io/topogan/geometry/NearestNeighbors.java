package io.topogan.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k-nearest-neighbour search by blocked brute force, Euclidean distance, self excluded.
 *
 * <p>Input: {@code n} points as rows of one length {@code d}, finite floats. Output: for every
 * point its {@code k} nearest other points and their distances ({@link Neighbors}), with ties
 * broken by lower index. Rows that are exact duplicates of the query are neighbours at distance 0.
 *
 * <p>The search runs in two phases per block of query rows:
 * <ol>
 *   <li>Screening. Squared distances are approximated as
 *       {@code |x|^2 + |y|^2 - 2 x.y} on centred coordinates, with the dot products of the
 *       block against all points accumulated in float over column tiles, which the JIT
 *       compiles to SIMD code.</li>
 *   <li>Refinement. Every point whose approximate distance could still place it among the k
 *       nearest, given a rigorous bound on the float rounding error, has its distance
 *       recomputed from the coordinates in double. The k smallest recomputed distances win.</li>
 * </ol>
 * Because the candidate set covers the rounding error, the result equals a search done entirely
 * in double precision. Row blocks are spread over a configurable number of threads.
 *
 * <p>Memory: a centred, transposed copy of the points ({@code n * d} floats) plus, per thread, a
 * block of dot products of up to {@code 64 * n} floats, or up to 2^22 floats (16 MiB) with a
 * {@link DotProducts} kernel.
 */
public final class NearestNeighbors {

    /** Columns j per tile of the dot-product kernel: 4 output rows of it fit in L1 cache. */
    private static final int COLUMN_TILE = 1024;
    /** Coordinates c per pass over a tile. */
    private static final int COORDINATE_CHUNK = 128;
    private static final int MAX_ROW_BLOCK = 64;
    /** Upper bound on the floats in one thread's dot-product block (16 MiB). */
    private static final int MAX_BLOCK_FLOATS = 1 << 22;
    /** Above this squared norm float dot products may overflow, so screening is skipped. */
    private static final double MAX_SCREENED_SQUARED_NORM = 1e36;

    private NearestNeighbors() {
    }

    /**
     * Finds the {@code k} nearest neighbours of every point, using as many threads as there are
     * available processors.
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param k neighbours per point, {@code 1 <= k <= n - 1}
     * @throws IllegalArgumentException on empty, ragged or non-finite input, or k out of range
     */
    public static Neighbors search(float[][] points, int k) {
        return search(points, k, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Finds the {@code k} nearest neighbours of every point with {@code threads} threads.
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param k neighbours per point, {@code 1 <= k <= n - 1}
     * @param threads number of worker threads, at least 1
     * @throws IllegalArgumentException on empty, ragged or non-finite input, k out of range or
     *     fewer than one thread
     */
    public static Neighbors search(float[][] points, int k, int threads) {
        return search(points, k, threads, null);
    }

    /**
     * Finds the {@code k} nearest neighbours of every point with {@code threads} threads, the
     * screening dot products computed by {@code dotProducts}. The result is the same as with the
     * built-in kernel.
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param k neighbours per point, {@code 1 <= k <= n - 1}
     * @param threads number of worker threads, at least 1
     * @param dotProducts screening kernel, or null for the built-in Java kernel
     * @throws IllegalArgumentException on empty, ragged or non-finite input, k out of range or
     *     fewer than one thread
     */
    public static Neighbors search(float[][] points, int k, int threads,
            DotProducts dotProducts) {
        PointClouds.requireValid(points);
        int n = points.length;
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k = " + k + " is out of range for " + n
                    + " points: k must be between 1 and n - 1 because a point is not its own"
                    + " neighbour");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " is invalid: use >= 1");
        }

        PreparedPoints prepared = PreparedPoints.of(points);
        DotProducts.Session session = dotProducts != null && prepared.screened()
                ? dotProducts.open(prepared.transposed()) : null;
        try {
            int[][] indices = new int[n][];
            double[][] distances = new double[n][];
            // An external kernel gets blocks of up to MAX_BLOCK_FLOATS, because a matrix product
            // in a library is more efficient on more rows and pays a call overhead per block.
            int maxRows = session != null ? n : MAX_ROW_BLOCK;
            int rowBlock = Math.max(1, Math.min(maxRows, MAX_BLOCK_FLOATS / n));
            int blockCount = (n + rowBlock - 1) / rowBlock;
            AtomicInteger nextBlock = new AtomicInteger();

            Runnable worker = () -> {
                BlockSearch search = new BlockSearch(prepared, k, rowBlock, session);
                for (int block = nextBlock.getAndIncrement(); block < blockCount;
                        block = nextBlock.getAndIncrement()) {
                    int start = block * rowBlock;
                    search.run(start, Math.min(rowBlock, n - start), indices, distances);
                }
            };
            runOnThreads(worker, Math.min(threads, blockCount), "nearest-neighbors");
            return new Neighbors(indices, distances);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /**
     * Runs {@code worker} on {@code threads} threads named {@code name} and waits for all of
     * them; a worker's runtime exception is rethrown.
     */
    static void runOnThreads(Runnable worker, int threads, String name) {
        if (threads == 1) {
            worker.run();
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("nearest-neighbour search was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("nearest-neighbour search failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * The points with the derived arrays that every block reads. Screening works on centred
     * coordinates, because distances do not change under translation and smaller norms give a
     * smaller rounding error in {@code |x|^2 + |y|^2 - 2 x.y}.
     *
     * @param points the input rows, used for the exact distances
     * @param transposed centred coordinates rounded to float, {@code transposed[c][i]}
     * @param squaredNorms squared norms of the centred float rows, in double
     * @param maxNorm the largest centred norm, R
     * @param screened false when centred norms are so large that float dot products may
     *     overflow; every distance is then computed in double
     */
    private record PreparedPoints(
            float[][] points,
            float[][] transposed,
            double[] squaredNorms,
            double maxNorm,
            boolean screened) {

        static PreparedPoints of(float[][] points) {
            int n = points.length;
            int dimension = points[0].length;
            double[] mean = new double[dimension];
            for (float[] row : points) {
                for (int c = 0; c < dimension; c++) {
                    mean[c] += row[c];
                }
            }
            for (int c = 0; c < dimension; c++) {
                mean[c] /= n;
            }

            float[][] transposed = new float[dimension][n];
            double[] squaredNorms = new double[n];
            double maxSquaredNorm = 0;
            for (int i = 0; i < n; i++) {
                float[] row = points[i];
                double sum = 0;
                for (int c = 0; c < dimension; c++) {
                    float centred = (float) (row[c] - mean[c]);
                    transposed[c][i] = centred;
                    sum += (double) centred * centred;
                }
                squaredNorms[i] = sum;
                maxSquaredNorm = Math.max(maxSquaredNorm, sum);
            }
            boolean screened = maxSquaredNorm <= MAX_SCREENED_SQUARED_NORM;
            return new PreparedPoints(points, transposed, squaredNorms, Math.sqrt(maxSquaredNorm),
                    screened);
        }
    }

    /** Per-thread state: the dot-product block and the buffers of the refinement phase. */
    private static final class BlockSearch {
        private final PreparedPoints prepared;
        /** External screening kernel, or null for the Java kernel. */
        private final DotProducts.Session session;
        private final float[][] points;
        private final float[][] transposed;
        private final int n;
        private final int dimension;
        private final int k;
        private final float[][] dots;
        private final double[] approximate;
        private final NeighborHeap screeningHeap;
        private final NeighborHeap exactHeap;
        /** gamma_(d+2) = (d+2)u / (1 - (d+2)u) with float unit roundoff u = 2^-24. */
        private final double floatGamma;

        BlockSearch(PreparedPoints prepared, int k, int rowBlock, DotProducts.Session session) {
            this.prepared = prepared;
            this.session = session;
            this.points = prepared.points();
            this.transposed = prepared.transposed();
            this.n = points.length;
            this.dimension = points[0].length;
            this.k = k;
            this.dots = prepared.screened() ? new float[rowBlock][n] : new float[0][];
            this.approximate = new double[n];
            this.screeningHeap = new NeighborHeap(k);
            this.exactHeap = new NeighborHeap(k);
            double roundoffSum = (dimension + 2) * 0x1p-24;
            this.floatGamma = roundoffSum / (1 - roundoffSum);
        }

        void run(int start, int rows, int[][] indices, double[][] distances) {
            if (session != null) {
                session.fill(start, rows, dots);
            } else if (prepared.screened()) {
                accumulateDots(start, rows);
            }
            for (int r = 0; r < rows; r++) {
                int query = start + r;
                if (prepared.screened()) {
                    refineScreened(query, dots[r]);
                } else {
                    refineAll(query);
                }
                indices[query] = new int[k];
                distances[query] = new double[k];
                exactHeap.drainSorted(indices[query], distances[query]);
            }
        }

        /**
         * Fills {@code dots[r][j]} with the float dot product of centred points
         * {@code start + r} and j. The loops run over tiles of columns j and chunks of
         * coordinates c, so that one chunk of the transposed points (128 x 1024 floats) stays
         * in L2 cache while every row of the block reads it.
         */
        private void accumulateDots(int start, int rows) {
            for (int r = 0; r < rows; r++) {
                Arrays.fill(dots[r], 0f);
            }
            for (int from = 0; from < n; from += COLUMN_TILE) {
                int to = Math.min(n, from + COLUMN_TILE);
                for (int first = 0; first < dimension; first += COORDINATE_CHUNK) {
                    int last = Math.min(dimension, first + COORDINATE_CHUNK);
                    int r = 0;
                    for (; r + 4 <= rows; r += 4) {
                        accumulateFourRows(start + r, dots[r], dots[r + 1], dots[r + 2],
                                dots[r + 3], from, to, first, last);
                    }
                    for (; r < rows; r++) {
                        accumulateOneRow(start + r, dots[r], from, to, first, last);
                    }
                }
            }
        }

        /**
         * Adds {@code x_row[c] * x_j[c]} for c in [first, last) to four output rows for j in
         * [from, to). Each column value is loaded once for four rows, and every array in the
         * inner loop is indexed by j alone, which lets the JIT vectorise it into SIMD fused
         * multiply-adds.
         */
        private void accumulateFourRows(int row, float[] out0, float[] out1, float[] out2,
                float[] out3, int from, int to, int first, int last) {
            for (int c = first; c < last; c++) {
                float[] column = transposed[c];
                float a0 = column[row];
                float a1 = column[row + 1];
                float a2 = column[row + 2];
                float a3 = column[row + 3];
                for (int j = from; j < to; j++) {
                    float x = column[j];
                    out0[j] = Math.fma(a0, x, out0[j]);
                    out1[j] = Math.fma(a1, x, out1[j]);
                    out2[j] = Math.fma(a2, x, out2[j]);
                    out3[j] = Math.fma(a3, x, out3[j]);
                }
            }
        }

        private void accumulateOneRow(int row, float[] out, int from, int to, int first,
                int last) {
            for (int c = first; c < last; c++) {
                float[] column = transposed[c];
                float a = column[row];
                for (int j = from; j < to; j++) {
                    out[j] = Math.fma(a, column[j], out[j]);
                }
            }
        }

        /**
         * Recomputes in double every point that can be among the k nearest of {@code query}
         * and leaves the k nearest in {@code exactHeap}.
         *
         * <p>Each approximate squared distance is within e of the true one, where e bounds
         * <ul>
         *   <li>the float dot product, off by at most {@code gamma |x'| |y'|} (x', y' centred),
         *       which enters twice;</li>
         *   <li>the rounding of centred coordinates to float, at most
         *       {@code 2.01 u (|x'| + |y'|)^2} in the squared distance;</li>
         *   <li>the double arithmetic of norms and of the sum, and float underflow.</li>
         * </ul>
         * with |y'| replaced by the largest norm R. If a is the k-th smallest approximation,
         * the true k-th distance is at most {@code a + e}, so every true neighbour, ties
         * included, has an approximation of at most {@code a + 2e}.
         */
        private void refineScreened(int query, float[] queryDots) {
            double[] squaredNorms = prepared.squaredNorms();
            double queryTerm = squaredNorms[query];

            screeningHeap.clear();
            for (int j = 0; j < n; j++) {
                double value = queryTerm + squaredNorms[j] - 2.0 * queryDots[j];
                approximate[j] = value;
                if (j != query) {
                    screeningHeap.offer(value, j);
                }
            }

            double queryNorm = Math.sqrt(queryTerm);
            double maxNorm = prepared.maxNorm();
            double normSum = queryNorm + maxNorm;
            double error = 2 * floatGamma * queryNorm * maxNorm
                    + 2.01 * 0x1p-24 * normSum * normSum
                    + 4 * (dimension + 2) * 0x1p-53 * normSum * normSum
                    + 4 * (dimension + 2) * (double) Float.MIN_VALUE;
            // NOTE: in a cloud whose spread is below the float error, such as near-duplicate
            // samples, most points pass this threshold and are recomputed in double, so the
            // search slows toward a plain double-precision brute force.
            double threshold = screeningHeap.maxKey() + 2 * error;

            exactHeap.clear();
            for (int j = 0; j < n; j++) {
                if (j != query && approximate[j] <= threshold) {
                    exactHeap.offer(squaredDistance(points[query], points[j]), j);
                }
            }
        }

        private void refineAll(int query) {
            exactHeap.clear();
            for (int j = 0; j < n; j++) {
                if (j != query) {
                    exactHeap.offer(squaredDistance(points[query], points[j]), j);
                }
            }
        }

        private static double squaredDistance(float[] x, float[] y) {
            double sum = 0;
            for (int c = 0; c < x.length; c++) {
                double difference = (double) x[c] - y[c];
                sum += difference * difference;
            }
            return sum;
        }
    }
}
