package io.topogan.geometry;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Anchor points of the Levina-Bickel estimator: the points whose local estimates m(x) are
 * averaged. The k nearest neighbours of an anchor are searched among all distinct points of the
 * cloud, the anchor itself excluded, so anchors cut the search from {@code n^2} to
 * {@code anchors * n} distance computations while each local estimate stays that of the full
 * cloud.
 *
 * <p>Duplicates: exact duplicate rows are removed from the whole cloud before anchors are chosen,
 * as the estimator does without anchors. An anchor therefore never has a copy of itself among its
 * neighbours at distance 0, and choosing every point as an anchor gives the plain estimate. A
 * random selection draws among the distinct points. An anchor given as a row that repeats an
 * earlier row stands for that earlier row, the one kept.
 */
public final class Anchors {

    /** Seed of {@link #count(int)} and {@link #fraction(double)}. */
    public static final long DEFAULT_SEED = 0;

    private enum Kind { ALL, ROWS, COUNT, FRACTION }

    private static final Anchors ALL = new Anchors(Kind.ALL, null, 0, 0, 0);

    private final Kind kind;
    private final int[] rows;
    private final int count;
    private final double fraction;
    private final long seed;

    private Anchors(Kind kind, int[] rows, int count, double fraction, long seed) {
        this.kind = kind;
        this.rows = rows;
        this.count = count;
        this.fraction = fraction;
        this.seed = seed;
    }

    /** Returns the choice of every distinct point, which is the estimator without anchors. */
    public static Anchors all() {
        return ALL;
    }

    /** Returns the given input rows as anchors (0-based), each naming a different point. */
    public static Anchors rows(int... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("anchor rows are empty: give at least one row");
        }
        return new Anchors(Kind.ROWS, rows.clone(), 0, 0, 0);
    }

    /** Returns {@code count} anchors drawn at random with {@link #DEFAULT_SEED}. */
    public static Anchors count(int count) {
        return count(count, DEFAULT_SEED);
    }

    /** Returns {@code count} anchors drawn at random among the distinct points, seeded. */
    public static Anchors count(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("anchor count " + count + " is invalid: use >= 1");
        }
        return new Anchors(Kind.COUNT, null, count, 0, seed);
    }

    /** Returns a fraction of the distinct points as anchors, drawn with {@link #DEFAULT_SEED}. */
    public static Anchors fraction(double fraction) {
        return fraction(fraction, DEFAULT_SEED);
    }

    /**
     * Returns {@code max(1, round(fraction * n))} anchors drawn at random among the n distinct
     * points, seeded.
     */
    public static Anchors fraction(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("anchor fraction " + fraction
                    + " is invalid: use a number in (0, 1]");
        }
        return new Anchors(Kind.FRACTION, null, 0, fraction, seed);
    }

    /** Returns whether every distinct point is an anchor. */
    public boolean isAll() {
        return kind == Kind.ALL;
    }

    /** Returns whether the anchors are drawn at random (a count or a fraction). */
    public boolean isRandom() {
        return kind == Kind.COUNT || kind == Kind.FRACTION;
    }

    /**
     * Returns the number of anchors among {@code distinctPoints} points.
     *
     * @throws IllegalArgumentException if a count exceeds {@code distinctPoints}
     */
    public int countFor(int distinctPoints) {
        return switch (kind) {
            case ALL -> distinctPoints;
            case ROWS -> rows.length;
            case COUNT -> {
                if (count > distinctPoints) {
                    throw new IllegalArgumentException(count + " anchors exceed the "
                            + distinctPoints + " distinct points; use at most " + distinctPoints);
                }
                yield count;
            }
            case FRACTION -> (int) Math.max(1, Math.round(fraction * distinctPoints));
        };
    }

    /**
     * Selects the anchors as indices into {@code distinct.points()}, ascending, or returns null
     * when every distinct point is an anchor.
     *
     * @param input the cloud that {@code distinct} was made from
     * @throws IllegalArgumentException on a row out of range, two anchors naming one point, or
     *     more anchors than distinct points
     */
    int[] select(float[][] input, DistinctPoints distinct) {
        int n = distinct.points().length;
        return switch (kind) {
            case ALL -> null;
            case ROWS -> distinctRows(input, distinct);
            case COUNT, FRACTION -> {
                int[] chosen = RandomSubsets.shuffledPrefix(n, countFor(n),
                        new SplittableRandom(seed));
                Arrays.sort(chosen);
                yield chosen;
            }
        };
    }

    private int[] distinctRows(float[][] input, DistinctPoints distinct) {
        float[][] distinctPointRows = distinct.points();
        // DistinctPoints shares the row arrays, so a kept row is found by identity.
        Map<float[], Integer> distinctIndexByRow = new IdentityHashMap<>();
        for (int i = distinctPointRows.length - 1; i >= 0; i--) {
            distinctIndexByRow.put(distinctPointRows[i], i);
        }
        int[] selected = new int[rows.length];
        Map<Integer, Integer> rowByDistinctIndex = new HashMap<>();
        for (int a = 0; a < rows.length; a++) {
            int row = rows[a];
            if (row < 0 || row >= input.length) {
                throw new IllegalArgumentException("anchor row " + row + " is outside 0.."
                        + (input.length - 1));
            }
            Integer index = distinctIndexByRow.get(input[row]);
            selected[a] = index != null ? index : firstEqualRow(distinctPointRows, input[row]);
            Integer earlier = rowByDistinctIndex.putIfAbsent(selected[a], row);
            if (earlier != null) {
                throw new IllegalArgumentException("anchor rows " + earlier + " and " + row
                        + " are the same point; give each point once");
            }
        }
        Arrays.sort(selected);
        return selected;
    }

    /** Returns the index of the distinct row equal to {@code row}, comparing floats with ==. */
    private static int firstEqualRow(float[][] distinctPointRows, float[] row) {
        for (int i = 0; i < distinctPointRows.length; i++) {
            boolean equal = true;
            for (int c = 0; c < row.length && equal; c++) {
                equal = distinctPointRows[i][c] == row[c];
            }
            if (equal) {
                return i;
            }
        }
        throw new IllegalStateException("row has no kept copy among the distinct points");
    }

    /** Returns "all", the anchor count, the fraction or the rows, as a user would give them. */
    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> "all";
            case ROWS -> "rows " + Arrays.toString(rows);
            case COUNT -> Integer.toString(count);
            case FRACTION -> String.format(Locale.ROOT, "%s", fraction);
        };
    }
}
