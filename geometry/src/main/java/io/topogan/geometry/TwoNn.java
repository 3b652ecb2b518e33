package io.topogan.geometry;

import java.util.Arrays;

/**
 * TwoNN intrinsic dimension estimator of Facco, d'Errico, Rodriguez and Laio ("Estimating the
 * intrinsic dimension of datasets by a minimal neighborhood information", Scientific Reports 7,
 * 2017).
 *
 * <p>Input: points as rows of equal length; exact duplicate rows are removed first because a
 * zero first-neighbour distance makes the ratio undefined. For each of the N distinct points,
 * {@code mu = r2 / r1} is the ratio of its second to its first neighbour distance. Under local
 * uniformity mu follows a Pareto law with {@code F(mu) = 1 - mu^(-d)}, so
 * {@code -log(1 - F) = d log(mu)}. The ratios are sorted ascending, the i-th (1-based) gets the
 * empirical {@code F(i) = i / N} with N the number of distinct points before any are discarded,
 * the largest ratios, a fraction {@value #DISCARD_FRACTION} of them, are discarded (the
 * smallest {@code floor(N * (1 - fraction))} are kept), and the slope of the least-squares line
 * through the origin, {@code d = sum(x y) / sum(x^2)} with {@code x = log(mu)} and
 * {@code y = -log(1 - F)}, is the dimension. Because i stays below N for the kept ratios, F never
 * reaches 1.
 */
public final class TwoNn {

    /** Name of this estimator in {@link TwoNnEstimate#estimator()}. */
    public static final String ESTIMATOR = "twonn";
    /** Fraction of the largest ratios left out of the fit, which are the most noise-sensitive. */
    public static final double DISCARD_FRACTION = 0.1;

    private TwoNn() {
    }

    /** Estimates the intrinsic dimension using all available processors for the search. */
    public static TwoNnEstimate estimate(float[][] points) {
        return estimate(points, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Estimates the intrinsic dimension.
     *
     * <p>Returns an undefined estimate, never an exception, when fewer than 3 distinct points
     * remain or when every kept ratio is 1 (first and second neighbours equally far away).
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param threads threads of the neighbour search, at least 1
     * @throws IllegalArgumentException on empty, ragged or non-finite input
     */
    public static TwoNnEstimate estimate(float[][] points, int threads) {
        return estimate(points, threads, null);
    }

    /**
     * Estimates the intrinsic dimension as {@link #estimate(float[][], int)} does, with the
     * screening dot products of the neighbour search computed by {@code dotProducts}, or by the
     * built-in Java kernel when it is null.
     */
    public static TwoNnEstimate estimate(float[][] points, int threads,
            DotProducts dotProducts) {
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int removed = distinct.duplicatesRemoved();
        if (n < 3) {
            return undefined(n, 0, removed, "only " + n + " distinct points remain after removing "
                    + removed + " duplicates, but TwoNN needs at least 3");
        }

        Neighbors neighbors = NearestNeighbors.search(distinct.points(), 2, threads,
                dotProducts);
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            double[] distances = neighbors.distances()[i];
            ratios[i] = distances[1] / distances[0];
        }
        Arrays.sort(ratios);

        int fitted = (int) Math.floor(n * (1 - DISCARD_FRACTION));
        double sumXy = 0;
        double sumXx = 0;
        for (int i = 0; i < fitted; i++) {
            double x = Math.log(ratios[i]);
            double y = -Math.log(1 - (i + 1) / (double) n);
            sumXy += x * y;
            sumXx += x * x;
        }
        if (sumXx == 0) {
            return undefined(n, fitted, removed, "all " + fitted + " fitted ratios r2/r1 are 1, so"
                    + " the slope is undefined");
        }
        return new TwoNnEstimate(ESTIMATOR, sumXy / sumXx, n, fitted, removed, null);
    }

    private static TwoNnEstimate undefined(int n, int fitted, int removed, String reason) {
        return new TwoNnEstimate(ESTIMATOR, Double.NaN, n, fitted, removed, reason);
    }
}
