package io.topogan.geometry;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k-nearest-neighbour search of chosen query rows of a cloud among a contiguous range of
 * its rows, Euclidean distance, the query itself excluded. The intrinsic dimension estimators use
 * it for anchors (a few queries against every point) and for nested subsets (the rows of a new
 * range against the earlier rows and the reverse).
 *
 * <p>Each query block runs in two phases, like {@link NearestNeighbors}:
 * <ol>
 *   <li>Screening. The squared distance is summed in float as {@code sum_c (x_c - y_c)^2} with
 *       fused multiply-adds over the transposed coordinates, which the JIT compiles to SIMD
 *       code. Every term is non-negative, so the float sum S~ is within a relative error
 *       {@code eps} of the true S, plus an absolute {@code d * Float.MIN_VALUE} for underflow
 *       (see {@link #RangeNeighbors(float[][])}).</li>
 *   <li>Refinement. With a the k-th smallest S~ of the range, the true k-th smallest S is at
 *       most {@code B = (a + tau) / (1 - eps)}, so every true neighbour, ties included, has
 *       {@code S~ <= B (1 + eps) + tau}. Those candidates are recomputed in double, summed in
 *       coordinate order as {@link NearestNeighbors} does, and the k smallest win, ties broken
 *       by lower row index.</li>
 * </ol>
 * The distances are therefore bit for bit those of {@link NearestNeighbors} for the same pair of
 * rows.
 *
 * <p>Memory: a transposed float copy of the points ({@code n * d} floats) and, per thread, a block
 * of at most 2^22 floats (16 MiB) of screened distances.
 */
final class RangeNeighbors {

    /** Columns j per tile of the screening kernel. */
    private static final int COLUMN_TILE = 1024;
    /** Coordinates c per pass over a tile. */
    private static final int COORDINATE_CHUNK = 128;
    private static final int MAX_ROW_BLOCK = 64;
    private static final int MAX_BLOCK_FLOATS = 1 << 22;
    /** Float unit roundoff, 2^-24. */
    private static final double FLOAT_ROUNDOFF = 0x1p-24;
    /** Bound on float squared distances above which the sum could overflow, so no screening. */
    private static final double MAX_SCREENED_SUM = 1e37;

    private final float[][] points;
    private final float[][] transposed;
    private final int dimension;
    private final boolean screened;
    /** eps: relative error bound of a screened squared distance. */
    private final double relativeError;
    /** tau: absolute error bound of a screened squared distance, from underflow. */
    private final double absoluteError;

    /**
     * Prepares {@code points} for searches. The error bound of screening is
     * {@code |S~ - S| <= eps S + tau} with {@code eps = (1 + u)^2 (1 + gamma_d) - 1}: each
     * difference is rounded once (factor {@code 1 + u} before squaring), and each term passes
     * through at most d roundings of the fused multiply-add chain ({@code gamma_d = d u / (1 -
     * d u)}, u = 2^-24). Subnormal results add at most {@code Float.MIN_VALUE / 2} per step, so
     * {@code tau = d * Float.MIN_VALUE}. The code widens eps by 1 % to cover the double
     * arithmetic of the threshold.
     *
     * @throws IllegalArgumentException on empty, ragged or non-finite input
     */
    RangeNeighbors(float[][] points) {
        this.dimension = PointClouds.requireValid(points);
        this.points = points;
        int n = points.length;
        double maxAbs = 0;
        for (float[] row : points) {
            for (float value : row) {
                maxAbs = Math.max(maxAbs, Math.abs(value));
            }
        }
        this.screened = 4.0 * dimension * maxAbs * maxAbs <= MAX_SCREENED_SUM;
        this.transposed = screened ? new float[dimension][n] : new float[0][];
        if (screened) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < dimension; c++) {
                    transposed[c][i] = points[i][c];
                }
            }
        }
        double sumRoundoff = dimension * FLOAT_ROUNDOFF;
        double gamma = sumRoundoff / (1 - sumRoundoff);
        double differenceFactor = (1 + FLOAT_ROUNDOFF) * (1 + FLOAT_ROUNDOFF);
        this.relativeError = 1.01 * (differenceFactor * (1 + gamma) - 1);
        this.absoluteError = dimension * (double) Float.MIN_VALUE;
    }

    /** Returns the number of points. */
    int size() {
        return points.length;
    }

    /**
     * Finds the k nearest rows in {@code [from, to)} of every query row.
     *
     * <p>Row q of the result belongs to {@code queries[q]}. It has {@code min(k, m)} entries, m
     * being the rows of the range other than the query, so rows may be shorter than k and empty.
     * Indices are row indices of the cloud.
     *
     * @param queries row indices of the queries, each in {@code [0, n)}
     * @param from first row of the range
     * @param to end of the range, exclusive, {@code from <= to <= n}
     * @param k neighbours per query, at least 1
     * @param threads worker threads, at least 1
     * @throws IllegalArgumentException on an index or argument out of range
     */
    Neighbors search(int[] queries, int from, int to, int k, int threads) {
        int n = points.length;
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is invalid"
                    + " for " + n + " points");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " is invalid: use k >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " is invalid: use >= 1");
        }
        for (int query : queries) {
            if (query < 0 || query >= n) {
                throw new IllegalArgumentException("query row " + query + " is outside 0.."
                        + (n - 1));
            }
        }

        int[][] indices = new int[queries.length][];
        double[][] distances = new double[queries.length][];
        int width = Math.max(1, to);
        int rowBlock = Math.max(1, Math.min(MAX_ROW_BLOCK, MAX_BLOCK_FLOATS / width));
        int blockCount = (queries.length + rowBlock - 1) / rowBlock;
        AtomicInteger nextBlock = new AtomicInteger();
        Runnable worker = () -> {
            BlockSearch search = new BlockSearch(from, to, k, rowBlock);
            for (int block = nextBlock.getAndIncrement(); block < blockCount;
                    block = nextBlock.getAndIncrement()) {
                int start = block * rowBlock;
                search.run(queries, start, Math.min(rowBlock, queries.length - start), indices,
                        distances);
            }
        };
        NearestNeighbors.runOnThreads(worker, Math.max(1, Math.min(threads, blockCount)),
                "range-neighbors");
        return new Neighbors(indices, distances);
    }

    static double squaredDistance(float[] x, float[] y) {
        double sum = 0;
        for (int c = 0; c < x.length; c++) {
            double difference = (double) x[c] - y[c];
            sum += difference * difference;
        }
        return sum;
    }

    /** Per-thread state: the block of screened distances and the two heaps. */
    private final class BlockSearch {
        private final int from;
        private final int to;
        private final int k;
        /**
         * {@code screenedDistances[r][j]}: float squared distance of query r to row j of the
         * range. Rows have length {@code to} so that the kernel indexes them and the columns of
         * the transposed points alike, which lets the JIT vectorise it.
         */
        private final float[][] screenedDistances;
        private final NeighborHeap screeningHeap;
        private final NeighborHeap exactHeap;

        BlockSearch(int from, int to, int k, int rowBlock) {
            this.from = from;
            this.to = to;
            this.k = k;
            this.screenedDistances = screened ? new float[rowBlock][to] : new float[0][];
            this.screeningHeap = new NeighborHeap(k);
            this.exactHeap = new NeighborHeap(k);
        }

        void run(int[] queries, int start, int rows, int[][] indices, double[][] distances) {
            if (screened) {
                accumulate(queries, start, rows);
            }
            for (int r = 0; r < rows; r++) {
                int query = queries[start + r];
                if (screened) {
                    refineScreened(query, screenedDistances[r]);
                } else {
                    refineAll(query);
                }
                int found = exactHeap.size();
                indices[start + r] = new int[found];
                distances[start + r] = new double[found];
                exactHeap.drainSorted(indices[start + r], distances[start + r]);
            }
        }

        /**
         * Fills the screened squared distances of {@code rows} queries to every row of the
         * range, by tiles of 1024 rows and chunks of 128 coordinates so that a chunk of the
         * transposed points stays in cache while every query of the block reads it.
         */
        private void accumulate(int[] queries, int start, int rows) {
            for (int r = 0; r < rows; r++) {
                Arrays.fill(screenedDistances[r], from, to, 0f);
            }
            for (int tileFrom = from; tileFrom < to; tileFrom += COLUMN_TILE) {
                int tileTo = Math.min(to, tileFrom + COLUMN_TILE);
                for (int first = 0; first < dimension; first += COORDINATE_CHUNK) {
                    int last = Math.min(dimension, first + COORDINATE_CHUNK);
                    int r = 0;
                    for (; r + 4 <= rows; r += 4) {
                        accumulateFourRows(queries, start + r, r, tileFrom, tileTo, first, last);
                    }
                    for (; r < rows; r++) {
                        accumulateOneRow(queries[start + r], screenedDistances[r], tileFrom,
                                tileTo, first, last);
                    }
                }
            }
        }

        /**
         * Adds {@code (x_j[c] - q[c])^2} for c in [first, last) to the rows of four queries,
         * loading each column value once for the four of them.
         */
        private void accumulateFourRows(int[] queries, int position, int r, int tileFrom,
                int tileTo, int first, int last) {
            float[] out0 = screenedDistances[r];
            float[] out1 = screenedDistances[r + 1];
            float[] out2 = screenedDistances[r + 2];
            float[] out3 = screenedDistances[r + 3];
            int q0 = queries[position];
            int q1 = queries[position + 1];
            int q2 = queries[position + 2];
            int q3 = queries[position + 3];
            for (int c = first; c < last; c++) {
                float[] column = transposed[c];
                float a0 = column[q0];
                float a1 = column[q1];
                float a2 = column[q2];
                float a3 = column[q3];
                for (int j = tileFrom; j < tileTo; j++) {
                    float x = column[j];
                    float d0 = x - a0;
                    float d1 = x - a1;
                    float d2 = x - a2;
                    float d3 = x - a3;
                    out0[j] = Math.fma(d0, d0, out0[j]);
                    out1[j] = Math.fma(d1, d1, out1[j]);
                    out2[j] = Math.fma(d2, d2, out2[j]);
                    out3[j] = Math.fma(d3, d3, out3[j]);
                }
            }
        }

        private void accumulateOneRow(int query, float[] out, int tileFrom, int tileTo,
                int first, int last) {
            for (int c = first; c < last; c++) {
                float[] column = transposed[c];
                float a = column[query];
                for (int j = tileFrom; j < tileTo; j++) {
                    float difference = column[j] - a;
                    out[j] = Math.fma(difference, difference, out[j]);
                }
            }
        }

        /** Leaves the exact k nearest of {@code query} in the range in {@code exactHeap}. */
        private void refineScreened(int query, float[] screenedRow) {
            screeningHeap.clear();
            for (int j = from; j < to; j++) {
                if (j != query) {
                    screeningHeap.offer(screenedRow[j], j);
                }
            }
            double threshold = Double.POSITIVE_INFINITY;
            if (screeningHeap.isFull()) {
                double bound = (screeningHeap.maxKey() + absoluteError) / (1 - relativeError);
                threshold = bound * (1 + relativeError) + absoluteError;
            }

            exactHeap.clear();
            float[] queryPoint = points[query];
            for (int j = from; j < to; j++) {
                if (j != query && screenedRow[j] <= threshold) {
                    exactHeap.offer(squaredDistance(queryPoint, points[j]), j);
                }
            }
        }

        private void refineAll(int query) {
            exactHeap.clear();
            for (int j = from; j < to; j++) {
                if (j != query) {
                    exactHeap.offer(squaredDistance(points[query], points[j]), j);
                }
            }
        }
    }
}
