package io.topogan.gan;

/**
 * Summary of one training epoch.
 *
 * @param epoch zero-based index of the epoch
 * @param discriminatorLoss mean discriminator (critic) loss over the epoch's batches
 * @param generatorLoss mean generator loss over the batches that updated the generator
 * @param imagesPerSecond training images processed per second of wall-clock time
 * @param seconds wall-clock duration of the epoch
 */
public record EpochStats(
        int epoch,
        double discriminatorLoss,
        double generatorLoss,
        double imagesPerSecond,
        double seconds) {
}
