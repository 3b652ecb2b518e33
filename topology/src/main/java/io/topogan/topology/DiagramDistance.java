package io.topogan.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact bottleneck and Wasserstein distances between two persistence diagrams, with the L-infinity
 * ground metric: d(x, y) = max(|b_x - b_y|, |d_x - d_y|), and a point may instead be matched to
 * the diagonal at cost (death - birth) / 2.
 *
 * <p>Wasserstein of order p: (min over matchings of sum of costs^p)^(1/p), by the Hungarian
 * algorithm on the (m + n) x (m + n) matrix where each diagram is padded with diagonal copies of
 * the other. Bottleneck: the smallest candidate cost (pairwise distances and diagonal distances)
 * at which a perfect matching exists, by binary search with augmenting paths.
 *
 * <p>Points with infinite death are ignored by default, as persim does, and the result counts
 * them. With {@link InfiniteDeaths#MATCH} they are matched among themselves by sorted birth, as
 * GUDHI does; different counts then give an infinite distance.
 */
public final class DiagramDistance {

    /** Treatment of points with infinite death. */
    public enum InfiniteDeaths {
        /** Drop them from both diagrams and report how many were dropped (persim). */
        IGNORE,
        /** Match them by sorted birth; different counts give infinity (GUDHI). */
        MATCH
    }

    /**
     * A distance and the number of infinite-death points left out of it (both diagrams
     * together; always 0 with {@link InfiniteDeaths#MATCH}).
     */
    public record Result(double distance, int ignoredInfinitePoints) {
    }

    private DiagramDistance() {
    }

    public static Result bottleneck(PersistenceDiagram a, PersistenceDiagram b) {
        return bottleneck(a, b, InfiniteDeaths.IGNORE);
    }

    public static Result bottleneck(PersistenceDiagram a, PersistenceDiagram b,
            InfiniteDeaths infiniteDeaths) {
        double finite = bottleneckFinite(a.finite(), b.finite());
        if (infiniteDeaths == InfiniteDeaths.IGNORE) {
            return new Result(finite, a.infiniteCount() + b.infiniteCount());
        }
        double[] birthDifferences = essentialBirthDifferences(a, b);
        if (birthDifferences == null) {
            return new Result(Double.POSITIVE_INFINITY, 0);
        }
        double max = finite;
        for (double difference : birthDifferences) {
            max = Math.max(max, difference);
        }
        return new Result(max, 0);
    }

    public static Result wasserstein(PersistenceDiagram a, PersistenceDiagram b, double order) {
        return wasserstein(a, b, order, InfiniteDeaths.IGNORE);
    }

    /**
     * Wasserstein distance of the given order.
     *
     * @throws IllegalArgumentException if order is below 1 or not finite
     */
    public static Result wasserstein(PersistenceDiagram a, PersistenceDiagram b, double order,
            InfiniteDeaths infiniteDeaths) {
        if (!(order >= 1) || Double.isInfinite(order)) {
            throw new IllegalArgumentException(
                    "Wasserstein order must be finite and >= 1, got " + order);
        }
        double cost = matchingCost(a.finite(), b.finite(), order);
        if (infiniteDeaths == InfiniteDeaths.IGNORE) {
            return new Result(Math.pow(cost, 1 / order), a.infiniteCount() + b.infiniteCount());
        }
        double[] birthDifferences = essentialBirthDifferences(a, b);
        if (birthDifferences == null) {
            return new Result(Double.POSITIVE_INFINITY, 0);
        }
        for (double difference : birthDifferences) {
            cost += Math.pow(difference, order);
        }
        return new Result(Math.pow(cost, 1 / order), 0);
    }

    /** |birth differences| of the infinite points paired in sorted order; null on count mismatch. */
    private static double[] essentialBirthDifferences(PersistenceDiagram a, PersistenceDiagram b) {
        double[] birthsA = essentialBirths(a);
        double[] birthsB = essentialBirths(b);
        if (birthsA.length != birthsB.length) {
            return null;
        }
        double[] differences = new double[birthsA.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = Math.abs(birthsA[i] - birthsB[i]);
        }
        return differences;
    }

    private static double[] essentialBirths(PersistenceDiagram diagram) {
        double[] births = new double[diagram.infiniteCount()];
        int k = 0;
        for (int i = 0; i < diagram.size(); i++) {
            if (diagram.death(i) == Double.POSITIVE_INFINITY) {
                births[k++] = diagram.birth(i);
            }
        }
        Arrays.sort(births);
        return births;
    }

    private static double groundDistance(PersistenceDiagram a, int i, PersistenceDiagram b,
            int j) {
        return Math.max(Math.abs(a.birth(i) - b.birth(j)), Math.abs(a.death(i) - b.death(j)));
    }

    private static double diagonalDistance(PersistenceDiagram diagram, int i) {
        return (diagram.death(i) - diagram.birth(i)) / 2;
    }

    /** Min over perfect matchings of the sum of cost^order, by the Hungarian algorithm. */
    private static double matchingCost(PersistenceDiagram a, PersistenceDiagram b, double order) {
        int m = a.size();
        int n = b.size();
        int size = m + n;
        double[][] cost = new double[size][size];
        for (int i = 0; i < m; i++) {
            double toDiagonal = Math.pow(diagonalDistance(a, i), order);
            for (int j = 0; j < n; j++) {
                cost[i][j] = Math.pow(groundDistance(a, i, b, j), order);
            }
            Arrays.fill(cost[i], n, size, toDiagonal);
        }
        for (int j = 0; j < n; j++) {
            double toDiagonal = Math.pow(diagonalDistance(b, j), order);
            for (int i = m; i < size; i++) {
                cost[i][j] = toDiagonal;
            }
        }
        int[] assignment = Hungarian.solve(cost);
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += cost[i][assignment[i]];
        }
        return total;
    }

    private static double bottleneckFinite(PersistenceDiagram a, PersistenceDiagram b) {
        int m = a.size();
        int n = b.size();
        if (m + n == 0) {
            return 0;
        }
        List<Double> candidates = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            candidates.add(diagonalDistance(a, i));
            for (int j = 0; j < n; j++) {
                candidates.add(groundDistance(a, i, b, j));
            }
        }
        for (int j = 0; j < n; j++) {
            candidates.add(diagonalDistance(b, j));
        }
        double[] sorted = candidates.stream().mapToDouble(Double::doubleValue).sorted().distinct()
                .toArray();
        int low = 0;
        int high = sorted.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (hasPerfectMatching(a, b, sorted[middle])) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return sorted[low];
    }

    /**
     * Whether every point can be matched within the given cost. Left vertices are the points of
     * a then diagonal slots for b; right vertices are the points of b then diagonal slots for a.
     */
    private static boolean hasPerfectMatching(PersistenceDiagram a, PersistenceDiagram b,
            double bound) {
        int m = a.size();
        int n = b.size();
        int size = m + n;
        int[][] adjacency = new int[size][];
        for (int i = 0; i < m; i++) {
            int[] row = new int[n + 1];
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (groundDistance(a, i, b, j) <= bound) {
                    row[count++] = j;
                }
            }
            if (diagonalDistance(a, i) <= bound) {
                row[count++] = n + i;
            }
            adjacency[i] = Arrays.copyOf(row, count);
        }
        for (int j = 0; j < n; j++) {
            int[] row = new int[m + 1];
            int count = 0;
            if (diagonalDistance(b, j) <= bound) {
                row[count++] = j;
            }
            for (int i = 0; i < m; i++) {
                row[count++] = n + i;
            }
            adjacency[m + j] = Arrays.copyOf(row, count);
        }
        return BipartiteMatching.maximumMatching(adjacency, size) == size;
    }
}
