package io.topogan.gan;

import ai.djl.ndarray.NDArray;

/** Loss functions of the reference, on score arrays of shape (N, 1). */
final class Losses {

    /** torch.nn.BCELoss clamps each log term at -100 so that p = 0 or 1 gives a finite loss. */
    private static final float LOG_CLAMP = -100f;

    private Losses() {
    }

    /** Binary cross-entropy of probabilities against the label 1, averaged over the batch. */
    static NDArray bceAgainstOne(NDArray probabilities) {
        return probabilities.log().maximum(LOG_CLAMP).mean().neg();
    }

    /** Binary cross-entropy of probabilities against the label 0, averaged over the batch. */
    static NDArray bceAgainstZero(NDArray probabilities) {
        return probabilities.neg().add(1f).log().maximum(LOG_CLAMP).mean().neg();
    }
}
