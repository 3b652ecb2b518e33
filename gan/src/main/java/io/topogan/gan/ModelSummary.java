package io.topogan.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Trainable parameter counts of one architecture for a channel count, counted like PyTorch's
 * {@code sum(p.numel() for p in model.parameters())}: BatchNorm running statistics excluded.
 *
 * @param architecture the architecture
 * @param channels image channels C
 * @param generatorParameters trainable parameters of the generator
 * @param discriminatorParameters trainable parameters of the discriminator or critic
 */
public record ModelSummary(
        Architecture architecture,
        int channels,
        long generatorParameters,
        long discriminatorParameters) {

    /** Builds both networks on a temporary CPU manager and counts their parameters. */
    public static ModelSummary of(Architecture architecture, int channels) {
        GanNetworks networks = GanNetworks.build(architecture, channels);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            networks.initialize(manager);
            return new ModelSummary(architecture, channels,
                    countTrainable(networks.generator()),
                    countTrainable(networks.discriminator()));
        }
    }

    static long countTrainable(Block block) {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                count += parameter.getArray().size();
            }
        }
        return count;
    }
}
