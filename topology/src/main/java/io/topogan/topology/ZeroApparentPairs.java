package io.topogan.topology;

/**
 * Detects zero-persistence apparent pairs (sigma, tau): tau is the earliest cofacet of sigma, sigma
 * is the latest facet of tau, and both have the same diameter. Such a pair is also a persistence
 * pair of the reduced matrix, with length zero, so sigma never needs to be a column and tau
 * never needs to be a pivot. Not thread-safe: one instance per thread.
 */
final class ZeroApparentPairs {

    private final RipsComplex complex;
    private final CofacetEnumerator cofacets;
    private final int[] vertices;

    ZeroApparentPairs(RipsComplex complex) {
        this.complex = complex;
        this.cofacets = new CofacetEnumerator(complex);
        this.vertices = new int[complex.maxDim + 3];
    }

    /** True if the dim-simplex is paired with a cofacet or a facet of the same diameter. */
    boolean isPaired(int rank, long index, int dim) {
        return apparentCofacet(rank, index, dim) >= 0 || apparentFacet(rank, index, dim) >= 0;
    }

    /** Index of the cofacet that forms a zero apparent pair with the simplex, or -1. */
    long apparentCofacet(int rank, long index, int dim) {
        long cofacet = zeroPivotCofacet(rank, index, dim);
        if (cofacet >= 0 && zeroPivotFacet(rank, cofacet, dim + 1) == index) {
            return cofacet;
        }
        return -1;
    }

    /** Index of the facet that forms a zero apparent pair with the simplex, or -1. */
    long apparentFacet(int rank, long index, int dim) {
        if (dim == 0) {
            return -1;
        }
        long facet = zeroPivotFacet(rank, index, dim);
        if (facet >= 0 && zeroPivotCofacet(rank, facet, dim - 1) == index) {
            return facet;
        }
        return -1;
    }

    /**
     * Earliest cofacet in the filtration when it has the simplex's own diameter, else -1. The
     * enumeration runs in descending index order, so the first equal-diameter cofacet has the
     * largest index, which is the earliest among equal diameters.
     */
    private long zeroPivotCofacet(int rank, long index, int dim) {
        cofacets.reset(rank, index, dim);
        while (cofacets.next()) {
            if (cofacets.cofacetRank == rank) {
                return cofacets.cofacetIndex;
            }
        }
        return -1;
    }

    /**
     * Latest facet in the filtration when it has the simplex's own diameter, else -1. Removing
     * the vertices from the highest down gives facets in ascending index order, so the first
     * equal-diameter facet has the smallest index, which is the latest among equal diameters.
     */
    private long zeroPivotFacet(int rank, long index, int dim) {
        int count = dim + 1;
        complex.vertices(index, dim, vertices);
        for (int removed = 0; removed < count; removed++) {
            if (complex.diameterRank(vertices, count, removed) != rank) {
                continue;
            }
            long facet = 0;
            for (int j = 0; j < count; j++) {
                if (j < removed) {
                    facet += complex.binomial[count - j - 1][vertices[j]];
                } else if (j > removed) {
                    facet += complex.binomial[count - j][vertices[j]];
                }
            }
            return facet;
        }
        return -1;
    }
}
