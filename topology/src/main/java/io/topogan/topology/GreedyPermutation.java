package io.topogan.topology;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Furthest-point sampling of a point cloud, as ripser.py's {@code n_perm} option does it: start
 * at point 0, then repeatedly add the point farthest from the points chosen so far (the first
 * one on ties). Distances are computed in double; rounding can differ from numpy's in the last
 * bits, which only matters for distances equal up to those bits. For Euclidean clouds a
 * single-precision pass first skips the points whose new distance certainly cannot lower their
 * nearest one, which leaves the result unchanged.
 */
public final class GreedyPermutation {

    /** Points times coordinates above which distance updates are split over threads. */
    private static final long PARALLEL_MIN_WORK = 4_000_000L;

    private GreedyPermutation() {
    }

    /**
     * Chosen points and radii, in the input's distance units.
     *
     * @param indices rows of the input in insertion order
     * @param insertionRadii entry i is the distance of point i + 1 to the points before it; the
     *     last entry is the covering radius
     * @param coveringRadius max over all input points of the distance to the nearest chosen
     *     point, which is what ripser.py reports as {@code r_cover}; 0 when every point is chosen
     */
    public record Selection(int[] indices, double[] insertionRadii, double coveringRadius) {

        /** Rows of {@code points} at the chosen indices, in insertion order (not copied). */
        public float[][] apply(float[][] points) {
            float[][] chosen = new float[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                chosen[i] = points[indices[i]];
            }
            return chosen;
        }
    }

    /**
     * Selects {@code nPerm} points. If nPerm is at least the number of points, every point is
     * returned in input order with covering radius 0, as ripser.py does when no subsampling is
     * needed.
     *
     * @throws IllegalArgumentException if nPerm < 1
     */
    public static Selection select(float[][] points, int nPerm, Metric metric) {
        if (nPerm < 1) {
            throw new IllegalArgumentException("nPerm must be >= 1, got " + nPerm);
        }
        int n = points.length;
        if (nPerm >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new Selection(all, new double[n], 0);
        }
        double[] norms = metric == Metric.COSINE ? norms(points) : null;
        SquaredDistanceBounds bounds = metric == Metric.EUCLIDEAN
                ? SquaredDistanceBounds.of(points) : null;
        int[] indices = new int[nPerm];
        double[] radii = new double[nPerm];
        float[] approximate = bounds != null ? new float[n] : null;
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        long work = (long) n * points[0].length;
        int chunks = work > PARALLEL_MIN_WORK
                ? Math.min(n, 4 * Runtime.getRuntime().availableProcessors()) : 1;
        int latest = 0;
        for (int i = 1; i <= nPerm; i++) {
            int from = latest;
            IntStream parts = IntStream.range(0, chunks);
            if (chunks > 1) {
                parts = parts.parallel();
            }
            parts.forEach(part -> updateNearest(points, norms, metric, bounds, approximate,
                    from, nearest, (int) ((long) n * part / chunks),
                    (int) ((long) n * (part + 1) / chunks)));
            int farthest = 0;
            for (int j = 1; j < n; j++) {
                if (nearest[j] > nearest[farthest]) {
                    farthest = j;
                }
            }
            radii[i - 1] = nearest[farthest];
            if (i < nPerm) {
                indices[i] = farthest;
                latest = farthest;
            }
        }
        return new Selection(indices, radii, radii[nPerm - 1]);
    }

    /**
     * Lowers {@code nearest[j]} to the distance from point {@code from}, for j in [lo, hi).
     * With bounds, a point whose single-precision squared distance, written to
     * {@code approximate[j]}, is certainly not below its current nearest distance keeps that
     * distance without the exact computation.
     */
    private static void updateNearest(float[][] points, double[] norms, Metric metric,
            SquaredDistanceBounds bounds, float[] approximate, int from, double[] nearest,
            int lo, int hi) {
        if (bounds != null) {
            bounds.squaredDistances(from, lo, hi, approximate);
        }
        for (int j = lo; j < hi; j++) {
            if (j == from) {
                nearest[j] = 0;
                continue;
            }
            if (bounds != null && bounds.notBelow(approximate[j], nearest[j])) {
                continue;
            }
            nearest[j] = Math.min(nearest[j], distance(points, norms, from, j, metric));
        }
    }

    /** Returns the exact distance of points a and b. Only the cosine metric reads {@code norms}. */
    static double distance(float[][] points, double[] norms, int a, int b, Metric metric) {
        float[] x = points[a];
        float[] y = points[b];
        if (metric == Metric.EUCLIDEAN) {
            double s0 = 0;
            double s1 = 0;
            int k = 0;
            for (; k + 1 < x.length; k += 2) {
                double d0 = (double) x[k] - y[k];
                double d1 = (double) x[k + 1] - y[k + 1];
                s0 += d0 * d0;
                s1 += d1 * d1;
            }
            if (k < x.length) {
                double d = (double) x[k] - y[k];
                s0 += d * d;
            }
            return Math.sqrt(s0 + s1);
        }
        if (norms[a] == 0 || norms[b] == 0) {
            return 1;
        }
        double dot = 0;
        for (int k = 0; k < x.length; k++) {
            dot += (double) x[k] * y[k];
        }
        return Math.min(2, Math.max(0, 1 - dot / (norms[a] * norms[b])));
    }

    private static double[] norms(float[][] points) {
        double[] norms = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double sum = 0;
            for (float value : points[i]) {
                sum += (double) value * value;
            }
            norms[i] = Math.sqrt(sum);
        }
        return norms;
    }
}
