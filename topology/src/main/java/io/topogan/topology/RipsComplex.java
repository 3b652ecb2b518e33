package io.topogan.topology;

import java.util.Arrays;

/**
 * Implicit Vietoris–Rips complex of a distance matrix up to a threshold. No simplex is stored: a
 * k-simplex with vertices v_k > ... > v_0 is the integer sum_i C(v_i, i + 1) of the
 * combinatorial number system, and its diameter is recomputed from the edge ranks.
 *
 * <p>Diameters are replaced by ranks among the distinct edge lengths up to the threshold, so a
 * simplex fits in one long key: {@code rank << shift | (mask - index)}. Ascending keys are the
 * filtration order (diameter ascending, larger index first among equal diameters). The
 * coboundary pivot of a column is its minimum key.
 */
final class RipsComplex {

    /** Rank of an edge longer than the threshold: such an edge is not in the complex. */
    static final int NO_EDGE = Integer.MAX_VALUE;

    final int size;
    final int maxDim;
    /** Edge ranks, row-major n x n; NO_EDGE beyond the threshold, 0 on the diagonal. */
    final int[] edgeRank;
    /** Diameter of each rank, ascending. */
    final float[] rankValue;
    /** binomial[k][m] = C(m, k) for k <= maxDim + 2 and m <= size. */
    final long[][] binomial;
    final int shift;
    final long indexMask;
    /** Built on first use, because only the searches for zero apparent pairs need it. */
    private volatile NeighborsByRank neighbors;

    RipsComplex(DistanceMatrix distances, float threshold, int maxDim) {
        this.size = distances.size();
        this.maxDim = maxDim;
        this.binomial = binomialTable(size, maxDim + 2);
        long simplexCount = 0;
        for (int k = 1; k <= maxDim + 2; k++) {
            simplexCount = Math.max(simplexCount, binomial[k][size]);
        }
        this.shift = 64 - Long.numberOfLeadingZeros(Math.max(1, simplexCount));
        this.indexMask = (1L << shift) - 1;

        float[] lower = distances.packedLower();
        this.rankValue = distinctValuesUpTo(lower, threshold);
        int rankBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, rankValue.length));
        if (rankBits + shift > 63) {
            throw new IllegalArgumentException("complex of " + size + " points up to dimension "
                    + (maxDim + 1) + " has too many simplices to index in 63 bits; "
                    + "lower maxDim, the threshold or the number of points");
        }
        this.edgeRank = new int[size * size];
        int position = 0;
        for (int i = 1; i < size; i++) {
            for (int j = 0; j < i; j++) {
                float value = lower[position++];
                int rank = value <= threshold ? Arrays.binarySearch(rankValue, value) : NO_EDGE;
                edgeRank[i * size + j] = rank;
                edgeRank[j * size + i] = rank;
            }
        }
    }

    /** Returns the neighbors of each vertex by edge rank, built once and shared by threads. */
    NeighborsByRank neighbors() {
        NeighborsByRank built = neighbors;
        if (built == null) {
            synchronized (this) {
                built = neighbors;
                if (built == null) {
                    built = new NeighborsByRank(this);
                    neighbors = built;
                }
            }
        }
        return built;
    }

    long key(int rank, long index) {
        return ((long) rank << shift) | (indexMask - index);
    }

    int rankOf(long key) {
        return (int) (key >>> shift);
    }

    long indexOf(long key) {
        return indexMask - (key & indexMask);
    }

    float valueOf(int rank) {
        return rankValue[rank];
    }

    /** Writes the dim + 1 vertices of the simplex, in descending order, into {@code out}. */
    void vertices(long index, int dim, int[] out) {
        int top = size - 1;
        for (int k = dim + 1; k >= 1; k--) {
            int vertex = maxVertex(index, k, top);
            out[dim + 1 - k] = vertex;
            index -= binomial[k][vertex];
            top = vertex - 1;
        }
    }

    /** Largest v <= top with C(v, k) <= index, by binary search on the binomial row. */
    private int maxVertex(long index, int k, int top) {
        long[] row = binomial[k];
        int low = k - 1;
        int high = top;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (row[middle] <= index) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** Index of the simplex with the given descending vertices. */
    long index(int[] descending, int count) {
        long index = 0;
        for (int j = 0; j < count; j++) {
            index += binomial[count - j][descending[j]];
        }
        return index;
    }

    /** Max edge rank among the given vertices, skipping position {@code skip} (or -1). */
    int diameterRank(int[] vertices, int count, int skip) {
        int rank = 0;
        for (int a = 0; a < count; a++) {
            if (a == skip) {
                continue;
            }
            int row = vertices[a] * size;
            for (int b = a + 1; b < count; b++) {
                if (b != skip) {
                    rank = Math.max(rank, edgeRank[row + vertices[b]]);
                }
            }
        }
        return rank;
    }

    private static float[] distinctValuesUpTo(float[] values, float threshold) {
        float[] kept = new float[values.length];
        int count = 0;
        for (float value : values) {
            if (value <= threshold) {
                kept[count++] = value;
            }
        }
        Arrays.sort(kept, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || kept[i] != kept[distinct - 1]) {
                kept[distinct++] = kept[i];
            }
        }
        if (distinct == 0) {
            return new float[] {0f};
        }
        return Arrays.copyOf(kept, distinct);
    }

    private static long[][] binomialTable(int n, int maxK) {
        long[][] table = new long[maxK + 1][n + 1];
        for (int m = 0; m <= n; m++) {
            table[0][m] = 1;
            for (int k = 1; k <= Math.min(m, maxK); k++) {
                long value = table[k - 1][m - 1] + (k <= m - 1 ? table[k][m - 1] : 0);
                if (value < 0) {
                    throw new IllegalArgumentException("C(" + m + ", " + k
                            + ") overflows a long; lower maxDim or the number of points");
                }
                table[k][m] = value;
            }
        }
        return table;
    }
}
