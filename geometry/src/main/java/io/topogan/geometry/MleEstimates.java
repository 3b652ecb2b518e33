package io.topogan.geometry;

import java.util.List;

/**
 * Levina-Bickel estimates of one point cloud for consecutive neighbourhood sizes k, all from one
 * neighbour search.
 *
 * <p>In each estimate {@code pointsUsed} is the number of distinct points searched for
 * neighbours. The local estimates m(x) are averaged over {@code anchors} of them, which equals
 * {@code pointsUsed} unless anchors were chosen.
 *
 * @param estimates one estimate per k, ascending and consecutive
 * @param anchors points whose m(x) enter the averages
 */
public record MleEstimates(List<MleEstimate> estimates, int anchors) {

    public MleEstimates {
        estimates = List.copyOf(estimates);
    }

    /**
     * Returns the estimate at {@code k}.
     *
     * @throws IllegalArgumentException if k is outside the estimated range
     */
    public MleEstimate at(int k) {
        int first = estimates.get(0).k();
        if (k < first || k >= first + estimates.size()) {
            throw new IllegalArgumentException("k = " + k + " is outside the estimated range "
                    + first + ".." + (first + estimates.size() - 1));
        }
        return estimates.get(k - first);
    }
}
