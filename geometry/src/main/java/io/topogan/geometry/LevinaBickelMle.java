package io.topogan.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum-likelihood intrinsic dimension estimator of Levina and Bickel ("Maximum likelihood
 * estimation of intrinsic dimension", NIPS 2004), with the averages of MacKay and Ghahramani.
 *
 * <p>Input: points as rows of equal length. Exact duplicate rows are removed first, because a
 * zero neighbour distance makes the logarithms below undefined. For each remaining point x with
 * neighbour distances {@code T_1 <= ... <= T_k} (x itself excluded):
 * <pre>
 *   m(x) = 1/(k-2) * sum_{j=1}^{k-1} log(T_k / T_j)
 * </pre>
 * m(x) is the inverse of the local dimension at x. The estimate reports {@code mle = mean(1/m(x))}
 * and {@code invMle = 1 / mean(m(x))}, both over all distinct points, or over chosen anchor
 * points whose neighbours are searched among all distinct points ({@link Anchors}).
 */
public final class LevinaBickelMle {

    /** Name of this estimator in {@link MleEstimate#estimator()}. */
    public static final String ESTIMATOR = "levina-bickel-mle";
    /** Neighbours per point unless the caller sets k. */
    public static final int DEFAULT_K = 10;

    private LevinaBickelMle() {
    }

    /** Estimates the intrinsic dimension with {@link #DEFAULT_K} neighbours. */
    public static MleEstimate estimate(float[][] points) {
        return estimate(points, DEFAULT_K);
    }

    /**
     * Estimates the intrinsic dimension with {@code k} neighbours, using all available
     * processors for the neighbour search.
     */
    public static MleEstimate estimate(float[][] points, int k) {
        return estimate(points, k, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Estimates the intrinsic dimension with {@code k} neighbours per point.
     *
     * <p>Returns an undefined estimate, never an exception, when fewer than {@code k + 1}
     * distinct points remain (for example when all samples are identical) or when some m(x) is
     * 0, which happens when all k neighbours of a point are equally far away.
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param k neighbours per point, at least 3 because m(x) divides by {@code k - 2}
     * @param threads threads of the neighbour search, at least 1
     * @throws IllegalArgumentException on empty, ragged or non-finite input, or k below 3
     */
    public static MleEstimate estimate(float[][] points, int k, int threads) {
        return estimate(points, k, threads, null);
    }

    /**
     * Estimates the intrinsic dimension as {@link #estimate(float[][], int, int)} does, with the
     * screening dot products of the neighbour search computed by {@code dotProducts}, or by the
     * built-in Java kernel when it is null.
     */
    public static MleEstimate estimate(float[][] points, int k, int threads,
            DotProducts dotProducts) {
        requireK(k);
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int removed = distinct.duplicatesRemoved();
        if (n <= k) {
            return tooFewPoints(k, n, removed);
        }

        Neighbors neighbors = NearestNeighbors.search(distinct.points(), k, threads,
                dotProducts);
        return fromDistances(neighbors.distances(), null, k, n, removed);
    }

    /**
     * Estimates the intrinsic dimension for every k from 3 to {@code kMax}, from one search of
     * {@code kMax} neighbours: the estimate at k uses the first k distances of each point. The
     * rules of {@link #estimate(float[][], int, int)} apply to each k alone, so small k may be
     * undefined (all k neighbours equally far away) while larger k are not.
     *
     * @param anchors points whose m(x) are averaged; their neighbours are searched among all
     *     distinct points ({@link Anchors})
     * @param dotProducts screening kernel of the search without anchors, or null for Java
     * @throws IllegalArgumentException on invalid input or anchors, or kMax below 3
     */
    public static MleEstimates estimateForEachK(float[][] points, int kMax, Anchors anchors,
            int threads, DotProducts dotProducts) {
        return estimateRange(points, 3, kMax, anchors, threads, dotProducts);
    }

    /**
     * Estimates the intrinsic dimension with {@code k} neighbours, averaging m(x) over
     * {@code anchors} only, whose neighbours are searched among all distinct points. With
     * {@link Anchors#all()} the estimate equals {@link #estimate(float[][], int, int)}.
     *
     * @throws IllegalArgumentException on invalid input or anchors, or k below 3
     */
    public static MleEstimates estimate(float[][] points, int k, Anchors anchors, int threads,
            DotProducts dotProducts) {
        return estimateRange(points, k, k, anchors, threads, dotProducts);
    }

    private static MleEstimates estimateRange(float[][] points, int kFrom, int kTo,
            Anchors anchors, int threads, DotProducts dotProducts) {
        requireK(kFrom);
        if (kTo < kFrom) {
            throw new IllegalArgumentException("k range " + kFrom + ".." + kTo + " is empty");
        }
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int removed = distinct.duplicatesRemoved();
        int[] anchorRows = anchors.select(points, distinct);
        int anchorCount = anchorRows == null ? n : anchorRows.length;

        int searchK = Math.min(kTo, n - 1);
        double[][] distances = null;
        if (searchK >= kFrom) {
            distances = anchorRows == null
                    ? NearestNeighbors.search(distinct.points(), searchK, threads, dotProducts)
                            .distances()
                    : new RangeNeighbors(distinct.points()).search(anchorRows, 0, n, searchK,
                            threads).distances();
        }
        List<MleEstimate> estimates = new ArrayList<>();
        for (int k = kFrom; k <= kTo; k++) {
            estimates.add(k <= searchK
                    ? fromDistances(distances, anchorRows, k, n, removed)
                    : tooFewPoints(k, n, removed));
        }
        return new MleEstimates(estimates, anchorCount);
    }

    /**
     * Averages the local estimates of the points whose sorted neighbour distances are the rows
     * of {@code distances}, using the first k of each row.
     *
     * @param anchorRows distinct-point index of each row, for messages, or null when row i is
     *     point i
     * @param n distinct points of the cloud, reported as {@code pointsUsed}
     */
    static MleEstimate fromDistances(double[][] distances, int[] anchorRows, int k, int n,
            int removed) {
        double sumLocalDimension = 0;
        double sumInverse = 0;
        for (int i = 0; i < distances.length; i++) {
            int point = anchorRows == null ? i : anchorRows[i];
            double[] row = distances[i];
            double farthest = row[k - 1];
            if (row[0] == 0) {
                return undefined(k, n, removed, "point " + point
                        + " has a neighbour at distance 0");
            }
            double sumLog = 0;
            for (int j = 0; j < k - 1; j++) {
                sumLog += Math.log(farthest / row[j]);
            }
            double inverseDimension = sumLog / (k - 2);
            if (inverseDimension == 0) {
                return undefined(k, n, removed, "m(x) = 0 at distinct point " + point
                        + " because its " + k + " nearest neighbours are all at distance "
                        + farthest);
            }
            sumLocalDimension += 1 / inverseDimension;
            sumInverse += inverseDimension;
        }
        int count = distances.length;
        return new MleEstimate(ESTIMATOR, sumLocalDimension / count, count / sumInverse, k, n,
                removed, null);
    }

    static void requireK(int k) {
        if (k < 3) {
            throw new IllegalArgumentException("k = " + k + " is invalid for the Levina-Bickel"
                    + " estimator: use k >= 3 because m(x) divides by k - 2");
        }
    }

    static MleEstimate tooFewPoints(int k, int n, int removed) {
        return undefined(k, n, removed, "only " + n + " distinct points remain after removing "
                + removed + " duplicates, but k = " + k + " needs at least " + ((long) k + 1));
    }

    private static MleEstimate undefined(int k, int n, int removed, String reason) {
        return new MleEstimate(ESTIMATOR, Double.NaN, Double.NaN, k, n, removed, reason);
    }
}
