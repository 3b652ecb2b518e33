package io.topogan.gan;

/**
 * Progress after one training batch, passed to an {@link EpochListener}.
 *
 * @param epoch zero-based epoch index
 * @param batchIndex zero-based index of the batch just finished
 * @param batchCount number of batches in the epoch
 * @param discriminatorLoss discriminator (critic) loss of this batch
 * @param generatorLoss generator loss of this batch, NaN when the generator was not updated
 * @param elapsedSeconds wall-clock seconds since the epoch started
 */
public record BatchProgress(
        int epoch,
        int batchIndex,
        int batchCount,
        float discriminatorLoss,
        float generatorLoss,
        double elapsedSeconds) {

    /** Estimates the seconds left in the epoch from the mean time per batch so far. */
    public double etaSeconds() {
        int done = batchIndex + 1;
        return elapsedSeconds / done * (batchCount - done);
    }
}
