package io.topogan.geometry;

/**
 * Intrinsic dimension of a point cloud by the GeoMLE estimator of Gomtsyan et al.
 *
 * <p>When the estimate is undefined, {@code dimension} is NaN and {@code undefinedReason} gives
 * the reason; otherwise {@code undefinedReason} is null.
 *
 * @param estimator {@value GeoMle#ESTIMATOR}
 * @param dimension mean over points of the regression intercepts, the estimated dimension
 * @param parameters neighbourhood sizes, bootstrap and regression settings used
 * @param pointsUsed distinct points the estimate was computed on
 * @param duplicatesRemoved exact duplicate rows dropped before the search
 * @param undefinedReason why the estimate is undefined, or null
 */
public record GeoMleEstimate(
        String estimator,
        double dimension,
        GeoMle.Parameters parameters,
        int pointsUsed,
        int duplicatesRemoved,
        String undefinedReason) {

    /** Returns whether {@code dimension} contains a number. */
    public boolean defined() {
        return undefinedReason == null;
    }
}
