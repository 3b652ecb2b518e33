package io.topogan.geometry;

/**
 * Intrinsic dimension of a point cloud by the TwoNN estimator of Facco et al.
 *
 * <p>When the estimate is undefined, {@code dimension} is NaN and {@code undefinedReason} gives
 * the reason; otherwise {@code undefinedReason} is null.
 *
 * @param estimator {@value TwoNn#ESTIMATOR}
 * @param dimension slope of the fitted line, the estimated dimension
 * @param pointsUsed distinct points whose ratio {@code mu = r2 / r1} was computed, the N in
 *     {@code F(i) = i / N}
 * @param pointsFitted smallest ratios kept for the fit after discarding the largest ones
 * @param duplicatesRemoved exact duplicate rows dropped before the search
 * @param undefinedReason why the estimate is undefined, or null
 */
public record TwoNnEstimate(
        String estimator,
        double dimension,
        int pointsUsed,
        int pointsFitted,
        int duplicatesRemoved,
        String undefinedReason) {

    /** Returns whether {@code dimension} contains a number. */
    public boolean defined() {
        return undefinedReason == null;
    }
}
