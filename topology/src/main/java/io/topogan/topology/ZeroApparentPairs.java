package io.topogan.topology;

/**
 * Detects zero-persistence apparent pairs (sigma, tau): tau is the earliest cofacet of sigma, sigma
 * is the latest facet of tau, and both have the same diameter. Such a pair is also a persistence
 * pair of the reduced matrix, with length zero, so sigma never needs to be a column and tau
 * never needs to be a pivot. Not thread-safe: one instance per thread.
 *
 * <p>Simplices are handled as vertex lists in descending order. Among cofacets of equal diameter
 * the one with the largest index is the earliest. Adding a larger vertex gives a larger index,
 * so the earliest cofacet of sigma with sigma's diameter adds the largest vertex that is within
 * that diameter of all of sigma's vertices. Facets in ascending index order drop the highest
 * vertex first, so the latest facet of tau with tau's diameter is the first one of that
 * diameter in this order.
 */
final class ZeroApparentPairs {

    private final RipsComplex complex;
    private final NeighborsByRank neighbors;
    private final int[] simplex;
    private final int[] scratch;

    ZeroApparentPairs(RipsComplex complex) {
        this.complex = complex;
        this.neighbors = complex.neighbors();
        this.simplex = new int[complex.maxDim + 3];
        this.scratch = new int[complex.maxDim + 3];
    }

    /** True if the dim-simplex is paired with a cofacet or a facet of the same diameter. */
    boolean isPaired(int rank, long index, int dim) {
        complex.vertices(index, dim, simplex);
        return isPaired(rank, simplex, dim);
    }

    /** Same as {@link #isPaired(int, long, int)} for the dim + 1 vertices in descending order. */
    boolean isPaired(int rank, int[] vertices, int dim) {
        return apparentCofacetVertex(rank, vertices, dim + 1) >= 0
                || (dim > 0 && apparentFacetPosition(rank, vertices, dim + 1) >= 0);
    }

    /** Index of the cofacet that forms a zero apparent pair with the simplex, or -1. */
    long apparentCofacet(int rank, long index, int dim) {
        complex.vertices(index, dim, simplex);
        int vertex = apparentCofacetVertex(rank, simplex, dim + 1);
        if (vertex < 0) {
            return -1;
        }
        int count = dim + 1;
        int source = 0;
        boolean inserted = false;
        for (int j = 0; j <= count; j++) {
            if (!inserted && (source == count || simplex[source] < vertex)) {
                scratch[j] = vertex;
                inserted = true;
            } else {
                scratch[j] = simplex[source++];
            }
        }
        return complex.index(scratch, count + 1);
    }

    /** Index of the facet that forms a zero apparent pair with the simplex, or -1. */
    long apparentFacet(int rank, long index, int dim) {
        if (dim == 0) {
            return -1;
        }
        complex.vertices(index, dim, simplex);
        int removed = apparentFacetPosition(rank, simplex, dim + 1);
        if (removed < 0) {
            return -1;
        }
        int count = dim + 1;
        long facet = 0;
        for (int j = 0; j < count; j++) {
            if (j < removed) {
                facet += complex.binomial[count - j - 1][simplex[j]];
            } else if (j > removed) {
                facet += complex.binomial[count - j][simplex[j]];
            }
        }
        return facet;
    }

    /**
     * Returns the vertex whose addition gives the simplex's apparent cofacet, or -1. The
     * candidate is the largest vertex within the simplex's diameter of all its vertices. The
     * simplex and the cofacet form the pair unless a facet of the cofacet that drops a vertex
     * above the candidate keeps the same diameter.
     */
    private int apparentCofacetVertex(int rank, int[] vertices, int count) {
        int vertex = neighbors.largestCommonNeighbor(vertices, count, rank, -1);
        if (vertex < 0) {
            return -1;
        }
        for (int skip = 0; skip < count && vertices[skip] > vertex; skip++) {
            if (diameterWithout(vertices, count, vertex, skip) == rank) {
                return -1;
            }
        }
        return vertex;
    }

    /**
     * Returns the position of the vertex whose removal gives the simplex's apparent facet, or
     * -1. The candidate facet is the first of equal diameter when dropping vertices from the
     * highest.
     * The simplex is that facet's earliest cofacet of equal diameter, so the two form the pair,
     * unless a vertex above the dropped one is within that diameter of the whole facet.
     */
    private int apparentFacetPosition(int rank, int[] vertices, int count) {
        for (int removed = 0; removed < count; removed++) {
            if (diameterWithout(vertices, count, -1, removed) != rank) {
                continue;
            }
            int facetSize = 0;
            for (int j = 0; j < count; j++) {
                if (j != removed) {
                    scratch[facetSize++] = vertices[j];
                }
            }
            boolean earliest = neighbors.largestCommonNeighbor(scratch, facetSize, rank,
                    vertices[removed]) < 0;
            return earliest ? removed : -1;
        }
        return -1;
    }

    /**
     * Returns the max edge rank among the vertices except position {@code skip}, plus the vertex
     * {@code extra} when it is not -1. A single vertex counts as rank 0.
     */
    private int diameterWithout(int[] vertices, int count, int extra, int skip) {
        int n = complex.size;
        int[] edgeRank = complex.edgeRank;
        int max = 0;
        for (int a = 0; a < count; a++) {
            if (a == skip) {
                continue;
            }
            int row = vertices[a] * n;
            if (extra >= 0) {
                max = Math.max(max, edgeRank[row + extra]);
            }
            for (int b = a + 1; b < count; b++) {
                if (b != skip) {
                    max = Math.max(max, edgeRank[row + vertices[b]]);
                }
            }
        }
        return max;
    }
}
