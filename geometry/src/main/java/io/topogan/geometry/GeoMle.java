package io.topogan.geometry;

import java.util.Arrays;

/**
 * GeoMLE intrinsic dimension estimator of Gomtsyan, Mokrov, Panov and Maximov
 * ("Geometry-Aware Maximum Likelihood Estimation of Intrinsic Dimension", ACML 2019,
 * arXiv:1904.06151). On a curved manifold the Levina-Bickel estimate at a point drifts with the
 * radius of its neighbourhood, approximately as a polynomial in that radius, so GeoMLE fits that
 * polynomial over several neighbourhood sizes and takes its value at radius 0.
 *
 * <p>Input: points as rows of equal length. Exact duplicate rows are removed first, leaving N
 * distinct points x_1..x_N. Then:
 * <ol>
 *   <li>Bootstrap. Sample b = 1..B draws N indices uniformly with replacement from the
 *       {@link SplitMix64} stream seeded with {@code seed} (sample b uses draws
 *       {@code (b-1)N .. bN-1}, each mapped by {@link SplitMix64#nextIndex}). Its point set S_b
 *       is the set of drawn points, so repeated draws count once.</li>
 *   <li>Local estimates. For every point x_i and sample b, {@code T_1 <= ... <= T_k2} are the
 *       distances from x_i to its k2 nearest points of S_b other than x_i itself (ties by lower
 *       index). For each k in k1..k2 the Levina-Bickel local dimension is
 *       {@code d_k = (k-2) / sum_{j=1}^{k-1} log(T_k / T_j)} and the radius is
 *       {@code R_k = T_k}.</li>
 *   <li>Averages. Per point and k, over the B samples: mean dimension {@code y_k}, mean radius
 *       {@code r_k} and sample standard deviation {@code s_k} (denominator B - 1) of the
 *       dimension.</li>
 *   <li>Regression. Per point, a ridge regression of {@code y_k} on the features
 *       {@code r_k, r_k^2, ..., r_k^degree} with an unpenalised intercept c_0 minimises
 *       {@code sum_k w_k (y_k - c_0 - sum_p c_p r_k^p)^2 + alpha sum_p c_p^2} with weights
 *       {@code w_k = 1 / s_k}. The intercept c_0, the fitted dimension at radius 0, is the local
 *       GeoMLE estimate. When B = 1 or some s_k is 0, every w_k of that point is 1.</li>
 *   <li>Aggregation. The estimate is the mean of the local estimates over all N points.</li>
 * </ol>
 *
 * <p>Defaults: k1 = {@value #DEFAULT_K1}, k2 = {@value #DEFAULT_K2}, B =
 * {@value #DEFAULT_BOOTSTRAP_SAMPLES}, degree {@value #DEFAULT_DEGREE} (terms r and r^2), alpha =
 * {@value #DEFAULT_ALPHA}, weights 1 / s_k and the mean over points. These are the values of the
 * {@code geomle} function that the authors published with the paper (repository stat-ml/GeoMLE).
 * That function differs in three ways that this class does not copy. It draws indices from
 * 0..N-2 only, so the last point never enters a bootstrap sample. It repeats the whole procedure
 * 10 times and returns the 10 results. It clips each result to [0, ambient dimension], whereas
 * this class reports the mean unclipped, so that a value outside that range stays visible.
 *
 * <p>The ridge penalty is not scale-free: alpha acts on coefficients of r and r^2 in the units of
 * the coordinates, so scaling a cloud by a large factor weakens the penalty and by a small factor
 * strengthens it, pulling the intercept toward the weighted mean of {@code y_k}.
 */
public final class GeoMle {

    /** Name of this estimator in {@link GeoMleEstimate#estimator()}. */
    public static final String ESTIMATOR = "geomle";
    /** Smallest neighbourhood size of the regression unless the caller sets one. */
    public static final int DEFAULT_K1 = 10;
    /** Largest neighbourhood size of the regression unless the caller sets one. */
    public static final int DEFAULT_K2 = 40;
    /** Bootstrap samples per estimate unless the caller sets a number. */
    public static final int DEFAULT_BOOTSTRAP_SAMPLES = 20;
    /** Degree of the polynomial in the radius unless the caller sets one. */
    public static final int DEFAULT_DEGREE = 2;
    /** Ridge penalty on the polynomial coefficients unless the caller sets one. */
    public static final double DEFAULT_ALPHA = 5e-3;
    /** Seed of the bootstrap stream unless the caller sets one. */
    public static final long DEFAULT_SEED = 1234;

    /**
     * Neighbours searched per point in the whole cloud, as a multiple of k2. A bootstrap sample
     * contains a given point with probability about 1 - 1/e = 0.63, so 2.5 k2 candidates
     * contain k2 members of the sample for all but a tiny fraction of points. Those few are
     * searched again over all points.
     */
    private static final double CANDIDATE_FACTOR = 2.5;

    private GeoMle() {
    }

    /**
     * Settings of one estimate.
     *
     * @param k1 smallest neighbourhood size, at least 3 because d_k divides by k - 2
     * @param k2 largest neighbourhood size, at least {@code k1 + degree} so that the regression
     *     has more neighbourhood sizes than coefficients
     * @param bootstrapSamples number of bootstrap samples B, at least 1
     * @param degree highest power of the radius in the regression, at least 1
     * @param alpha ridge penalty, finite and at least 0
     * @param seed seed of the {@link SplitMix64} bootstrap stream
     */
    public record Parameters(int k1, int k2, int bootstrapSamples, int degree, double alpha,
            long seed) {

        /** The defaults listed on {@link GeoMle}. */
        public static final Parameters DEFAULTS = new Parameters(DEFAULT_K1, DEFAULT_K2,
                DEFAULT_BOOTSTRAP_SAMPLES, DEFAULT_DEGREE, DEFAULT_ALPHA, DEFAULT_SEED);

        /** @throws IllegalArgumentException when a setting is outside the ranges above */
        public Parameters {
            if (k1 < 3) {
                throw new IllegalArgumentException("k1 = " + k1 + " is invalid for GeoMLE: use"
                        + " k1 >= 3 because the local dimension divides by k - 2");
            }
            if (degree < 1) {
                throw new IllegalArgumentException("degree = " + degree + " is invalid for"
                        + " GeoMLE: use degree >= 1");
            }
            if (k2 < k1 + degree) {
                throw new IllegalArgumentException("k2 = " + k2 + " is invalid for GeoMLE with k1"
                        + " = " + k1 + " and degree " + degree + ": use k2 >= " + (k1 + degree)
                        + " so that the regression has more neighbourhood sizes than"
                        + " coefficients");
            }
            if (bootstrapSamples < 1) {
                throw new IllegalArgumentException("bootstrapSamples = " + bootstrapSamples
                        + " is invalid for GeoMLE: use at least 1");
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha = " + alpha + " is invalid for GeoMLE:"
                        + " use a finite value >= 0");
            }
        }
    }

    /** Estimates the intrinsic dimension with the default parameters. */
    public static GeoMleEstimate estimate(float[][] points) {
        return estimate(points, Parameters.DEFAULTS);
    }

    /** Estimates the intrinsic dimension using all available processors for the search. */
    public static GeoMleEstimate estimate(float[][] points, Parameters parameters) {
        return estimate(points, parameters, Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * Estimates the intrinsic dimension.
     *
     * <p>Returns an undefined estimate, never an exception, when fewer than k2 + 1 distinct
     * points remain, when a bootstrap sample contains fewer than k2 + 1 distinct points, when a
     * local dimension is infinite (all k nearest points of a sample equally far away) or when a
     * regression has no unique solution (possible only with alpha = 0).
     *
     * @param points {@code n x d} coordinates, finite, rows of equal length
     * @param parameters neighbourhood sizes, bootstrap and regression settings
     * @param threads threads of the neighbour search, at least 1
     * @param dotProducts screening kernel of the neighbour search, or null for the Java kernel
     * @throws IllegalArgumentException on empty, ragged or non-finite input
     */
    public static GeoMleEstimate estimate(float[][] points, Parameters parameters, int threads,
            DotProducts dotProducts) {
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int removed = distinct.duplicatesRemoved();
        LocalEstimates local = localEstimates(distinct.points(), parameters, threads,
                dotProducts);
        if (!local.defined()) {
            return new GeoMleEstimate(ESTIMATOR, Double.NaN, parameters, n, removed,
                    local.undefinedReason());
        }
        double sum = 0;
        for (double dimension : local.dimensions()) {
            sum += dimension;
        }
        return new GeoMleEstimate(ESTIMATOR, sum / n, parameters, n, removed, null);
    }

    /**
     * Local GeoMLE estimates c_0 of every point, in input order, or the reason they are
     * undefined.
     *
     * @param dimensions one estimate per point, or null when undefined
     * @param undefinedReason why the estimates are undefined, or null
     */
    record LocalEstimates(double[] dimensions, String undefinedReason) {

        boolean defined() {
            return undefinedReason == null;
        }

        static LocalEstimates undefined(String reason) {
            return new LocalEstimates(null, reason);
        }
    }

    /**
     * Computes the local estimates of points that are already distinct.
     *
     * @param points distinct rows, finite, of equal length
     */
    static LocalEstimates localEstimates(float[][] points, Parameters parameters, int threads,
            DotProducts dotProducts) {
        int candidates = (int) Math.ceil(CANDIDATE_FACTOR * parameters.k2());
        return localEstimates(points, parameters, threads, dotProducts, candidates);
    }

    /**
     * Computes the local estimates with {@code candidates} neighbours searched per point in the
     * whole cloud (at most N - 1 are used). Any value of at least k2 gives the same result, so
     * tests pass a small one to run the search over all points.
     */
    static LocalEstimates localEstimates(float[][] points, Parameters parameters, int threads,
            DotProducts dotProducts, int candidates) {
        int n = points.length;
        int k2 = parameters.k2();
        if (n <= k2) {
            return LocalEstimates.undefined("only " + n + " distinct points remain, but k2 = "
                    + k2 + " needs at least " + (k2 + 1));
        }
        boolean[][] members = bootstrapMembers(n, parameters.bootstrapSamples(),
                parameters.seed());
        for (int b = 0; b < members.length; b++) {
            int size = 0;
            for (boolean member : members[b]) {
                size += member ? 1 : 0;
            }
            if (size <= k2) {
                return LocalEstimates.undefined("bootstrap sample " + (b + 1) + " contains only "
                        + size + " distinct points, but k2 = " + k2 + " needs at least "
                        + (k2 + 1) + "; use more points or a smaller k2");
            }
        }

        Neighbors neighbors = NearestNeighbors.search(points, Math.min(n - 1, candidates),
                threads, dotProducts);
        PointRegression regression = new PointRegression(parameters);
        double[] dimensions = new double[n];
        for (int i = 0; i < n; i++) {
            String reason = regression.sampleNeighborhoods(points, i, neighbors, members);
            if (reason != null) {
                return LocalEstimates.undefined(reason);
            }
            dimensions[i] = regression.intercept();
            if (Double.isNaN(dimensions[i])) {
                return LocalEstimates.undefined("the regression of point " + i + " has no unique"
                        + " solution; use alpha > 0");
            }
        }
        return new LocalEstimates(dimensions, null);
    }

    /**
     * Draws the bootstrap samples: {@code members[b][i]} is true when point i was drawn at
     * least once in sample b.
     */
    static boolean[][] bootstrapMembers(int n, int samples, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        boolean[][] members = new boolean[samples][n];
        for (int b = 0; b < samples; b++) {
            for (int draw = 0; draw < n; draw++) {
                members[b][random.nextIndex(n)] = true;
            }
        }
        return members;
    }

    /** Per-point buffers: local dimensions and radii per sample and k, and the regression. */
    private static final class PointRegression {
        private final int k1;
        private final int k2;
        private final int degree;
        private final double alpha;
        /** {@code dimensions[b][k - k1]}, the local dimension d_k in sample b. */
        private final double[][] dimensions;
        /** {@code radii[b][k - k1]}, the radius R_k in sample b. */
        private final double[][] radii;
        /** Distances T_1..T_k2 of the current point and sample, and their logarithms. */
        private final double[] sampleDistances;
        private final double[] logDistances;
        /** Distances of the current point to all others, sorted, once its candidates ran out. */
        private double[] allDistances;
        private int[] allIndices;

        PointRegression(Parameters parameters) {
            this.k1 = parameters.k1();
            this.k2 = parameters.k2();
            this.degree = parameters.degree();
            this.alpha = parameters.alpha();
            int sizes = k2 - k1 + 1;
            this.dimensions = new double[parameters.bootstrapSamples()][sizes];
            this.radii = new double[parameters.bootstrapSamples()][sizes];
            this.sampleDistances = new double[k2];
            this.logDistances = new double[k2];
        }

        /**
         * Fills the local dimensions and radii of point i in every sample. Returns null, or the
         * reason the estimate is undefined.
         */
        String sampleNeighborhoods(float[][] points, int i, Neighbors neighbors,
                boolean[][] members) {
            allDistances = null;
            allIndices = null;
            for (int b = 0; b < members.length; b++) {
                if (!collectLogDistances(neighbors.indices()[i], neighbors.distances()[i],
                        members[b])) {
                    if (allDistances == null) {
                        sortAllDistances(points, i);
                    }
                    collectLogDistances(allIndices, allDistances, members[b]);
                }
                for (int k = k1; k <= k2; k++) {
                    double farthest = logDistances[k - 1];
                    double sumLog = 0;
                    for (int j = 0; j < k - 1; j++) {
                        sumLog += farthest - logDistances[j];
                    }
                    if (sumLog == 0) {
                        return "the local dimension of point " + i + " is infinite in bootstrap"
                                + " sample " + (b + 1) + " because its " + k + " nearest points"
                                + " are all at distance " + sampleDistances[k - 1];
                    }
                    dimensions[b][k - k1] = (k - 2) / sumLog;
                    radii[b][k - k1] = sampleDistances[k - 1];
                }
            }
            return null;
        }

        /**
         * Stores the first k2 distances whose point is a member of the sample, and their
         * logarithms. Returns false when the list has fewer than k2 members.
         */
        private boolean collectLogDistances(int[] indices, double[] distances,
                boolean[] member) {
            int found = 0;
            for (int j = 0; j < indices.length && found < k2; j++) {
                if (member[indices[j]]) {
                    sampleDistances[found] = distances[j];
                    logDistances[found] = Math.log(distances[j]);
                    found++;
                }
            }
            return found == k2;
        }

        /**
         * Sorts the distances of point i to every other point by distance, then index, computed
         * as {@link NearestNeighbors} computes them, so the order extends its candidate list.
         */
        private void sortAllDistances(float[][] points, int i) {
            int n = points.length;
            Integer[] order = new Integer[n - 1];
            double[] distances = new double[n];
            for (int j = 0, slot = 0; j < n; j++) {
                if (j != i) {
                    distances[j] = Math.sqrt(squaredDistance(points[i], points[j]));
                    order[slot++] = j;
                }
            }
            Arrays.sort(order, (a, c) -> {
                int byDistance = Double.compare(distances[a], distances[c]);
                return byDistance != 0 ? byDistance : Integer.compare(a, c);
            });
            allIndices = new int[n - 1];
            allDistances = new double[n - 1];
            for (int slot = 0; slot < n - 1; slot++) {
                allIndices[slot] = order[slot];
                allDistances[slot] = distances[order[slot]];
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

        /**
         * Returns the intercept of the weighted ridge regression of the bootstrap means of the
         * current point, or NaN when the normal equations are singular.
         */
        double intercept() {
            int samples = dimensions.length;
            int sizes = k2 - k1 + 1;
            double[] meanDimension = new double[sizes];
            double[] meanRadius = new double[sizes];
            double[] weights = new double[sizes];
            boolean equalWeights = samples < 2;
            for (int c = 0; c < sizes; c++) {
                double sumDimension = 0;
                double sumRadius = 0;
                for (int b = 0; b < samples; b++) {
                    sumDimension += dimensions[b][c];
                    sumRadius += radii[b][c];
                }
                meanDimension[c] = sumDimension / samples;
                meanRadius[c] = sumRadius / samples;
                if (samples >= 2) {
                    double sumSquares = 0;
                    for (int b = 0; b < samples; b++) {
                        double deviation = dimensions[b][c] - meanDimension[c];
                        sumSquares += deviation * deviation;
                    }
                    double deviation = Math.sqrt(sumSquares / (samples - 1));
                    weights[c] = 1 / deviation;
                    equalWeights |= deviation == 0;
                }
            }
            if (equalWeights) {
                Arrays.fill(weights, 1.0);
            }
            return RidgeRegression.intercept(meanRadius, meanDimension, weights, degree, alpha);
        }
    }
}
