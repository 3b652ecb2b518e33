package io.topogan.geometry;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Levina-Bickel estimate against the number of samples, to see from which sample count the
 * estimate of a cloud is stable.
 *
 * <p>Duplicates are removed from the whole cloud first. Each repeat r then draws one seeded random
 * order of the distinct points, and the subset of size s is the first s points of that order, so
 * each subset is a uniformly random subset of its size, and the subsets of one repeat are nested.
 * Nesting lets one neighbour search serve every size: when the subset grows from s' to s, the
 * new points are searched among the first s, and the earlier points only among the new ones,
 * their k nearest being the k smallest of the old and the new candidates. A repeat costs one
 * search of the largest subset instead of one search per size. Different repeats draw
 * independent orders, so the spread over repeats at one size is that of independent subsets.
 *
 * <p>With anchors the first {@code A(s)} points of the order are the anchors of size s, with
 * A(s) the anchor count or {@code max(1, round(fraction * s))}, and their neighbours are
 * searched among all s points.
 */
public final class MleSampleSizes {

    /** Receives each size as soon as all its repeats are estimated. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called once per size, in ascending order.
         *
         * @param index position of the size in the requested sizes
         * @param estimates one estimate per repeat
         * @param seconds wall time spent on this size, all repeats together
         */
        void sizeDone(int index, MleEstimate[] estimates, double seconds);
    }

    /**
     * Estimates per size and repeat.
     *
     * @param sizes the subset sizes, ascending
     * @param anchors anchor count per size, equal to the size without anchors
     * @param estimates {@code estimates[size index][repeat]}, with {@code pointsUsed} the size and
     *     {@code duplicatesRemoved} 0, because the subsets are drawn from distinct points
     * @param seconds wall time per size, all repeats together
     * @param distinctPoints distinct points of the cloud that the subsets were drawn from
     * @param duplicatesRemoved duplicate rows removed from the cloud before drawing
     */
    public record Result(int[] sizes, int[] anchors, MleEstimate[][] estimates, double[] seconds,
            int distinctPoints, int duplicatesRemoved) {

        /** Returns the mean of {@code mle} over the repeats of size {@code index}. */
        public double mleMean(int index) {
            return mean(values(index, false));
        }

        /** Returns the sample standard deviation (n - 1) of {@code mle} at {@code index}. */
        public double mleStd(int index) {
            return sampleStd(values(index, false));
        }

        /** Returns the mean of {@code invMle} over the repeats of size {@code index}. */
        public double invMleMean(int index) {
            return mean(values(index, true));
        }

        /** Returns the sample standard deviation (n - 1) of {@code invMle} at {@code index}. */
        public double invMleStd(int index) {
            return sampleStd(values(index, true));
        }

        private double[] values(int index, boolean inverse) {
            MleEstimate[] repeats = estimates[index];
            double[] values = new double[repeats.length];
            for (int r = 0; r < repeats.length; r++) {
                values[r] = inverse ? repeats[r].invMle() : repeats[r].mle();
            }
            return values;
        }
    }

    private MleSampleSizes() {
    }

    /** Returns the arithmetic mean; NaN if any value is NaN (an undefined estimate). */
    public static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /**
     * Returns the sample standard deviation with the n - 1 denominator, as numpy's
     * {@code std(ddof=1)}: NaN for a single value or when any value is NaN.
     */
    public static double sampleStd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /**
     * Runs the ablation. Every argument is checked before any search starts.
     *
     * @param points the cloud, finite rows of equal length
     * @param sizes subset sizes, strictly ascending, each at least k + 1 and at most the number
     *     of distinct points
     * @param repeats random subsets per size, at least 1
     * @param k neighbours per point, at least 3
     * @param anchors {@link Anchors#all()}, a count (at most the smallest size) or a fraction;
     *     explicit rows are rejected because the subsets are random
     * @param seed seed of the random orders; the same arguments and seed give the same result
     * @param threads threads of the neighbour searches
     * @param listener receives each size as it finishes, or null
     * @throws IllegalArgumentException on any invalid argument, naming it
     */
    public static Result run(float[][] points, int[] sizes, int repeats, int k, Anchors anchors,
            long seed, int threads, Listener listener) {
        LevinaBickelMle.requireK(k);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats = " + repeats + " is invalid: use >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " is invalid: use >= 1");
        }
        if (sizes.length == 0) {
            throw new IllegalArgumentException("no sample sizes given");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= k) {
                throw new IllegalArgumentException("sample size " + sizes[i] + " is too small"
                        + " for k = " + k + ": each size needs at least k + 1 = " + (k + 1)
                        + " points");
            }
            if (i > 0 && sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sample sizes must be strictly ascending, but "
                        + sizes[i] + " follows " + sizes[i - 1]);
            }
        }
        if (!anchors.isAll() && !anchors.isRandom()) {
            throw new IllegalArgumentException("anchors " + anchors + " are invalid here: the"
                    + " subsets are random, so give an anchor count or fraction");
        }
        DistinctPoints distinct = DistinctPoints.of(points);
        int n = distinct.points().length;
        int largest = sizes[sizes.length - 1];
        if (largest > n) {
            throw new IllegalArgumentException("sample size " + largest + " exceeds the " + n
                    + " distinct points of the input (" + distinct.duplicatesRemoved()
                    + " duplicate rows removed); use sizes up to " + n + " or more data");
        }
        int[] anchorCounts = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            anchorCounts[i] = anchors.countFor(sizes[i]);
        }

        SplittableRandom random = new SplittableRandom(seed);
        NestedSubset[] subsets = new NestedSubset[repeats];
        for (int r = 0; r < repeats; r++) {
            int[] order = RandomSubsets.shuffledPrefix(n, largest, random);
            float[][] ordered = new float[largest][];
            for (int i = 0; i < largest; i++) {
                ordered[i] = distinct.points()[order[i]];
            }
            subsets[r] = new NestedSubset(ordered, anchorCounts[anchorCounts.length - 1], k);
        }

        MleEstimate[][] estimates = new MleEstimate[sizes.length][repeats];
        double[] seconds = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                estimates[i][r] = subsets[r].grow(sizes[i], anchorCounts[i], threads);
            }
            seconds[i] = (System.nanoTime() - start) / 1e9;
            if (listener != null) {
                listener.sizeDone(i, estimates[i].clone(), seconds[i]);
            }
        }
        return new Result(sizes.clone(), anchorCounts, estimates, seconds, n,
                distinct.duplicatesRemoved());
    }

    /**
     * One repeat: the distinct points in their random order and the k nearest distances of the
     * anchors within the current prefix.
     */
    private static final class NestedSubset {
        private final RangeNeighbors search;
        private final int k;
        /** Sorted distances of anchor a to its nearest points within the prefix. */
        private final double[][] nearest;
        private int size;
        private int anchorCount;

        NestedSubset(float[][] ordered, int maxAnchors, int k) {
            this.search = new RangeNeighbors(ordered);
            this.k = k;
            this.nearest = new double[maxAnchors][];
        }

        /** Extends the prefix to {@code newSize} points and estimates on its anchors. */
        MleEstimate grow(int newSize, int newAnchorCount, int threads) {
            int[] oldAnchors = range(0, anchorCount);
            int[] newAnchors = range(anchorCount, newAnchorCount);
            double[][] fromNewPoints = search.search(oldAnchors, size, newSize, k, threads)
                    .distances();
            for (int a = 0; a < oldAnchors.length; a++) {
                nearest[a] = mergeSmallest(nearest[a], fromNewPoints[a], k);
            }
            double[][] fromPrefix = search.search(newAnchors, 0, newSize, k, threads)
                    .distances();
            for (int a = 0; a < newAnchors.length; a++) {
                nearest[anchorCount + a] = fromPrefix[a];
            }
            size = newSize;
            anchorCount = newAnchorCount;
            return LevinaBickelMle.fromDistances(Arrays.copyOf(nearest, anchorCount), null, k,
                    size, 0);
        }

        private static int[] range(int from, int to) {
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            return rows;
        }

        /** Returns the k smallest values of two ascending arrays, ascending. */
        static double[] mergeSmallest(double[] a, double[] b, int k) {
            double[] merged = new double[Math.min(k, a.length + b.length)];
            int i = 0;
            int j = 0;
            for (int m = 0; m < merged.length; m++) {
                merged[m] = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            }
            return merged;
        }
    }
}
