package io.topogan.gan;

/**
 * Settings of one training run.
 *
 * @param architecture the GAN architecture
 * @param channels image channels C (1 for grey, 3 for RGB)
 * @param batchSize images per batch
 * @param seed seed of weight initialization, shuffling, latent vectors and interpolation factors
 * @param learningRate Adam learning rate of both networks
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param criticIterations WGAN-GP only: the generator is updated on every n-th batch
 * @param gradientPenaltyWeight WGAN-GP only: lambda, the weight of the gradient penalty
 * @param latentModes 0 draws every latent vector from the standard normal distribution. A
 *     positive count K draws each one from K fixed vectors instead, so the generator can only
 *     produce K images. This is a mode collapse made on purpose, to calibrate the metrics.
 */
public record TrainingConfig(
        Architecture architecture,
        int channels,
        int batchSize,
        long seed,
        double learningRate,
        double beta1,
        double beta2,
        int criticIterations,
        double gradientPenaltyWeight,
        int latentModes) {

    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final long DEFAULT_SEED = 1234;

    /** Validates the settings. */
    public TrainingConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is missing");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "learningRate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(gradientPenaltyWeight >= 0)) {
            throw new IllegalArgumentException(
                    "gradientPenaltyWeight must not be negative, got " + gradientPenaltyWeight);
        }
        if (latentModes < 0) {
            throw new IllegalArgumentException(
                    "latentModes must not be negative, got " + latentModes);
        }
        if (criticIterations < 1) {
            throw new IllegalArgumentException(
                    "criticIterations must be positive, got " + criticIterations);
        }
    }

    /**
     * Returns the reference settings: batch 32, seed 1234, Adam lr 2e-4 with betas (0.5, 0.999)
     * for gan and dcgan and (0.5, 0.9) for WGAN-GP, 5 critic iterations and lambda 10.
     */
    public static TrainingConfig defaults(Architecture architecture, int channels) {
        double beta2 = architecture.isWasserstein() ? 0.9 : 0.999;
        return new TrainingConfig(architecture, channels, DEFAULT_BATCH_SIZE, DEFAULT_SEED,
                2e-4, 0.5, beta2, 5, 10.0, 0);
    }

    /** Returns a copy with another batch size. */
    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(architecture, channels, newBatchSize, seed, learningRate,
                beta1, beta2, criticIterations, gradientPenaltyWeight, latentModes);
    }

    /** Returns a copy with another Adam learning rate for both networks. */
    public TrainingConfig withLearningRate(double newLearningRate) {
        return new TrainingConfig(architecture, channels, batchSize, seed, newLearningRate,
                beta1, beta2, criticIterations, gradientPenaltyWeight, latentModes);
    }

    /** Returns a copy whose latent vectors come from {@code count} fixed vectors (0: all). */
    public TrainingConfig withLatentModes(int count) {
        return new TrainingConfig(architecture, channels, batchSize, seed, learningRate,
                beta1, beta2, criticIterations, gradientPenaltyWeight, count);
    }

    /** Returns a copy with another seed. */
    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(architecture, channels, batchSize, newSeed, learningRate,
                beta1, beta2, criticIterations, gradientPenaltyWeight, latentModes);
    }
}
