package io.topogan.geometry;

/**
 * Intrinsic dimension of a point cloud by the maximum-likelihood estimator of Levina and Bickel.
 *
 * <p>When the estimate is undefined, {@code mle} and {@code invMle} are NaN and
 * {@code undefinedReason} gives the reason; otherwise {@code undefinedReason} is null.
 *
 * @param estimator {@value LevinaBickelMle#ESTIMATOR}
 * @param mle mean over points of the local dimension {@code 1 / m(x)}
 * @param invMle {@code 1 / mean(m(x))}, the MacKay–Ghahramani average
 * @param k neighbours per point
 * @param pointsUsed distinct points the estimate was computed on
 * @param duplicatesRemoved exact duplicate rows dropped before the search
 * @param undefinedReason why the estimate is undefined, or null
 */
public record MleEstimate(
        String estimator,
        double mle,
        double invMle,
        int k,
        int pointsUsed,
        int duplicatesRemoved,
        String undefinedReason) {

    /** Returns whether {@code mle} and {@code invMle} contain numbers. */
    public boolean defined() {
        return undefinedReason == null;
    }
}
