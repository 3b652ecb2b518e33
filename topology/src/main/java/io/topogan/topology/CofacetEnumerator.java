package io.topogan.topology;

/**
 * Enumerates the cofacets of one simplex inside the threshold, in descending index order, by
 * inserting each vertex v from n - 1 down to 0 that is not already a vertex. One instance is
 * reused across simplices and is not thread-safe.
 *
 * <p>Inserting v above p of the k vertices raises the position of those p vertices by one, so
 * index(cofacet) = sum_{j<p} C(w_j, k-j+1) + C(v, k-p+1) + sum_{j>=p} C(w_j, k-j), where
 * w_0 > ... > w_{k-1} are the vertices. The two sums are kept as running totals.
 */
final class CofacetEnumerator {

    private final RipsComplex complex;
    private final int[] vertices;
    /** Offset of each vertex's row in the edge ranks, so that the scan over v is sequential. */
    private final int[] rows;
    private int count;
    private int rank;
    private int nextVertex;
    private int above;
    private long indexAbove;
    private long indexBelow;

    /** Diameter rank of the cofacet returned by the last successful {@link #next()}. */
    int cofacetRank;
    /** Index of the cofacet returned by the last successful {@link #next()}. */
    long cofacetIndex;

    CofacetEnumerator(RipsComplex complex) {
        this.complex = complex;
        this.vertices = new int[complex.maxDim + 3];
        this.rows = new int[complex.maxDim + 3];
    }

    /** Starts enumerating the cofacets of the dim-simplex with the given rank and index. */
    void reset(int rank, long index, int dim) {
        this.rank = rank;
        this.count = dim + 1;
        complex.vertices(index, dim, vertices);
        for (int j = 0; j < count; j++) {
            rows[j] = vertices[j] * complex.size;
        }
        this.nextVertex = complex.size - 1;
        this.above = 0;
        this.indexAbove = 0;
        this.indexBelow = index;
    }

    /** Advances to the next cofacet within the threshold; false when there are none left. */
    boolean next() {
        int[] edgeRank = complex.edgeRank;
        long[][] binomial = complex.binomial;
        while (nextVertex >= 0) {
            int v = nextVertex--;
            if (above < count && v == vertices[above]) {
                indexAbove += binomial[count - above + 1][v];
                indexBelow -= binomial[count - above][v];
                above++;
                continue;
            }
            int diameter = rank;
            for (int j = 0; j < count; j++) {
                diameter = Math.max(diameter, edgeRank[rows[j] + v]);
            }
            if (diameter == RipsComplex.NO_EDGE) {
                continue;
            }
            cofacetRank = diameter;
            cofacetIndex = indexAbove + binomial[count - above + 1][v] + indexBelow;
            return true;
        }
        return false;
    }
}
