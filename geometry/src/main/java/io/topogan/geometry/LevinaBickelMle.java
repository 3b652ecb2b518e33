package io.topogan.geometry;

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
 * and {@code invMle = 1 / mean(m(x))}, both over all distinct points.
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
        if (k < 3) {
            throw new IllegalArgumentException("k = " + k + " is invalid for the Levina-Bickel"
                    + " estimator: use k >= 3 because m(x) divides by k - 2");
        }
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int removed = distinct.duplicatesRemoved();
        if (n < k + 1) {
            return undefined(k, n, removed, "only " + n + " distinct points remain after removing "
                    + removed + " duplicates, but k = " + k + " needs at least " + (k + 1));
        }

        Neighbors neighbors = NearestNeighbors.search(distinct.points(), k, threads,
                dotProducts);
        double sumLocalDimension = 0;
        double sumInverse = 0;
        for (int i = 0; i < n; i++) {
            double[] distances = neighbors.distances()[i];
            double farthest = distances[k - 1];
            if (distances[0] == 0) {
                return undefined(k, n, removed, "point " + i + " has a neighbour at distance 0");
            }
            double sumLog = 0;
            for (int j = 0; j < k - 1; j++) {
                sumLog += Math.log(farthest / distances[j]);
            }
            double inverseDimension = sumLog / (k - 2);
            if (inverseDimension == 0) {
                return undefined(k, n, removed, "m(x) = 0 at distinct point " + i + " because its "
                        + k + " nearest neighbours are all at distance " + farthest);
            }
            sumLocalDimension += 1 / inverseDimension;
            sumInverse += inverseDimension;
        }
        return new MleEstimate(ESTIMATOR, sumLocalDimension / n, n / sumInverse, k, n, removed,
                null);
    }

    private static MleEstimate undefined(int k, int n, int removed, String reason) {
        return new MleEstimate(ESTIMATOR, Double.NaN, Double.NaN, k, n, removed, reason);
    }
}
