package io.topogan.topology;

/**
 * Reduces the coboundary matrix of one dimension over Z/2 without storing it. Columns are
 * processed in reverse filtration order; each coboundary is regenerated from the complex when it
 * is needed, and only the reduction matrix V (which simplices were added to each column) is kept.
 * A column whose earliest cofacet has its own diameter and is not yet a pivot is an emergent
 * pair and is finished without building its coboundary.
 *
 * <p>Columns of zero apparent pairs are never built: when a pivot tau belongs to such a pair
 * (sigma, tau), the unreduced column of sigma already has pivot tau, so the coboundary of sigma is
 * added as if sigma were a reduced column.
 */
final class CohomologyReducer {

    private final RipsComplex complex;
    private final CofacetEnumerator cofacets;
    private final ZeroApparentPairs apparent;
    private final LongHeap coboundary = new LongHeap();
    private final LongHeap reduction = new LongHeap();
    private final LongList cofacetBuffer = new LongList(64);

    CohomologyReducer(RipsComplex complex) {
        this.complex = complex;
        this.cofacets = new CofacetEnumerator(complex);
        this.apparent = new ZeroApparentPairs(complex);
    }

    /**
     * Reduces the given dim-simplex columns (keys in descending order) and adds each pair of
     * nonzero length, and each column without a pivot as an infinite bar, to {@code bars}.
     *
     * @return the pivots found, cofacet index to column position, used to clear the next
     *     dimension
     */
    LongIntHashMap reduce(long[] columns, int dim, DiagramBuilder bars) {
        LongIntHashMap pivots = new LongIntHashMap(columns.length);
        int[] reductionStart = new int[columns.length + 1];
        LongList reductionEntries = new LongList(columns.length);

        for (int i = 0; i < columns.length; i++) {
            long column = columns[i];
            int birthRank = complex.rankOf(column);
            coboundary.clear();
            reduction.clear();
            long pivot = initialPivot(column, dim, pivots);
            while (true) {
                if (pivot < 0) {
                    bars.add(complex.valueOf(birthRank), Double.POSITIVE_INFINITY);
                    break;
                }
                int pivotRank = complex.rankOf(pivot);
                long pivotIndex = complex.indexOf(pivot);
                int other = pivots.get(pivotIndex);
                long apparentFacet = other < 0
                        ? apparent.apparentFacet(pivotRank, pivotIndex, dim + 1)
                        : -1;
                if (apparentFacet >= 0) {
                    long facet = complex.key(pivotRank, apparentFacet);
                    reduction.push(facet);
                    pushCofacets(facet, dim);
                    pivot = coboundary.pivot();
                    continue;
                }
                if (other < 0) {
                    float birth = complex.valueOf(birthRank);
                    float death = complex.valueOf(pivotRank);
                    if (death > birth) {
                        bars.add(birth, death);
                    }
                    pivots.put(pivotIndex, i);
                    break;
                }
                addColumn(columns[other], reductionEntries, reductionStart[other],
                        reductionStart[other + 1], dim);
                pivot = coboundary.pivot();
            }
            for (long entry = reduction.popPivot(); entry >= 0; entry = reduction.popPivot()) {
                reductionEntries.add(entry);
            }
            reductionStart[i + 1] = reductionEntries.size();
        }
        return pivots;
    }

    /**
     * Fills the working coboundary of the column and returns its pivot key, or -1 when it is
     * empty. Stops early at an emergent pair: the earliest cofacet has the column's diameter and
     * is neither a pivot yet nor in a zero apparent pair.
     */
    private long initialPivot(long column, int dim, LongIntHashMap pivots) {
        int rank = complex.rankOf(column);
        cofacets.reset(rank, complex.indexOf(column), dim);
        cofacetBuffer.clear();
        boolean checkEmergent = true;
        while (cofacets.next()) {
            long key = complex.key(cofacets.cofacetRank, cofacets.cofacetIndex);
            if (checkEmergent && cofacets.cofacetRank == rank) {
                long index = cofacets.cofacetIndex;
                if (!pivots.containsKey(index)
                        && apparent.apparentFacet(rank, index, dim + 1) < 0) {
                    return key;
                }
                checkEmergent = false;
            }
            cofacetBuffer.add(key);
        }
        for (int k = 0; k < cofacetBuffer.size(); k++) {
            coboundary.push(cofacetBuffer.get(k));
        }
        return coboundary.pivot();
    }

    /** Adds column j (its simplex plus its stored reduction entries) to the working column. */
    private void addColumn(long simplex, LongList entries, int from, int to, int dim) {
        reduction.push(simplex);
        pushCofacets(simplex, dim);
        for (int k = from; k < to; k++) {
            long entry = entries.get(k);
            reduction.push(entry);
            pushCofacets(entry, dim);
        }
    }

    private void pushCofacets(long simplex, int dim) {
        cofacets.reset(complex.rankOf(simplex), complex.indexOf(simplex), dim);
        while (cofacets.next()) {
            coboundary.push(complex.key(cofacets.cofacetRank, cofacets.cofacetIndex));
        }
    }
}
