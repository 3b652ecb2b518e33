package io.topogan.topology;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Neighbors of each vertex of a Rips complex, sorted by edge rank. The search for zero apparent
 * pairs needs the largest vertex within a given rank of every vertex of a simplex. When one
 * simplex vertex has few neighbors within that rank, only those are tested instead of all
 * vertices. Immutable after construction, so threads may share one instance.
 */
final class NeighborsByRank {

    /** Value of n^2 above which the rows are sorted on several threads. */
    private static final long PARALLEL_MIN_ENTRIES = 250_000L;

    /** Vertices tried from the top before a row is searched. */
    private static final int PROBED_VERTICES = 32;

    private final int size;
    private final int[] edgeRank;
    /** Row u of {@link #neighbor} spans {@code rowStart[u]} to {@code rowStart[u + 1]}. */
    private final int[] rowStart;
    /**
     * Neighbors of each vertex within the threshold, by ascending edge rank, then vertex. The
     * ranks themselves are read from the edge ranks, so this table adds 4 bytes per edge.
     */
    private final int[] neighbor;

    NeighborsByRank(RipsComplex complex) {
        this.size = complex.size;
        this.edgeRank = complex.edgeRank;
        int n = size;
        rowStart = new int[n + 1];
        for (int u = 0; u < n; u++) {
            int count = 0;
            int offset = u * n;
            for (int v = 0; v < n; v++) {
                if (v != u && edgeRank[offset + v] != RipsComplex.NO_EDGE) {
                    count++;
                }
            }
            rowStart[u + 1] = rowStart[u] + count;
        }
        neighbor = new int[rowStart[n]];
        IntStream vertices = IntStream.range(0, n);
        if ((long) n * n > PARALLEL_MIN_ENTRIES) {
            vertices = vertices.parallel();
        }
        vertices.forEach(this::fillRow);
    }

    /** Sorts the neighbors of u by rank and vertex into its row, through packed longs. */
    private void fillRow(int u) {
        int n = size;
        int offset = u * n;
        long[] packed = new long[rowStart[u + 1] - rowStart[u]];
        int count = 0;
        for (int v = 0; v < n; v++) {
            int edge = edgeRank[offset + v];
            if (v != u && edge != RipsComplex.NO_EDGE) {
                packed[count++] = (long) edge << 32 | v;
            }
        }
        Arrays.sort(packed);
        int position = rowStart[u];
        for (long entry : packed) {
            neighbor[position++] = (int) entry;
        }
    }

    /** Counts the neighbors of u whose edge rank is at most maxRank. */
    int countWithin(int u, int maxRank) {
        int low = rowStart[u];
        int high = rowStart[u + 1];
        int offset = u * size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (edgeRank[offset + neighbor[middle]] <= maxRank) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - rowStart[u];
    }

    /**
     * Finds the largest vertex v above {@code above}, not one of the given vertices, whose edges
     * to all of them have rank at most maxRank.
     *
     * @param vertices distinct vertices, in any order
     * @param count how many entries of {@code vertices} to use, at least 1
     * @param above -1 to search all vertices
     * @return that vertex, or -1 if there is none
     */
    int largestCommonNeighbor(int[] vertices, int count, int maxRank, int above) {
        int n = size;
        // On the Fashion-MNIST clouds of the benchmark, most searches ended within the first
        // few vertices from the top, so those are tried before any row is searched.
        int probeEnd = Math.max(above, n - 1 - PROBED_VERTICES);
        for (int v = n - 1; v > probeEnd; v--) {
            if (withinAll(vertices, count, maxRank, v, n)) {
                return v;
            }
        }
        int candidates = probeEnd - above;
        if (candidates <= 0) {
            return -1;
        }

        int sparsest = 0;
        int fewest = Integer.MAX_VALUE;
        for (int j = 0; j < count; j++) {
            int within = countWithin(vertices[j], maxRank);
            if (within < fewest) {
                fewest = within;
                sparsest = j;
            }
        }
        if (fewest == 0) {
            return -1;
        }

        // A scan down from probeEnd stops at the first match. When matches are spread evenly,
        // that match comes after about n / fewest vertices, while the sorted row costs fewest.
        if ((long) fewest * fewest < candidates) {
            return largestInRow(vertices, count, maxRank, above, sparsest, fewest);
        }
        return largestByScan(vertices, count, maxRank, above, probeEnd, sparsest);
    }

    private int largestInRow(int[] vertices, int count, int maxRank, int above, int sparsest,
            int within) {
        int n = size;
        int from = rowStart[vertices[sparsest]];
        int found = -1;
        for (int position = from; position < from + within; position++) {
            int v = neighbor[position];
            if (v <= found || v <= above || !withinAll(vertices, count, maxRank, v, n)) {
                continue;
            }
            found = v;
        }
        return found;
    }

    private int largestByScan(int[] vertices, int count, int maxRank, int above, int from,
            int sparsest) {
        int n = size;
        int first = vertices[sparsest] * n;
        for (int v = from; v > above; v--) {
            if (edgeRank[first + v] <= maxRank && withinAll(vertices, count, maxRank, v, n)) {
                return v;
            }
        }
        return -1;
    }

    /** Returns true if v is not one of the vertices and within maxRank of each of them. */
    private boolean withinAll(int[] vertices, int count, int maxRank, int v, int n) {
        for (int j = 0; j < count; j++) {
            int u = vertices[j];
            if (u == v || edgeRank[u * n + v] > maxRank) {
                return false;
            }
        }
        return true;
    }
}
