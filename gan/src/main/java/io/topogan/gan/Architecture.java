package io.topogan.gan;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four GAN architectures of the study, each identified by the id used on the command line
 * and in events.
 */
public enum Architecture {
    /** Fully connected generator and discriminator, BCE loss. */
    GAN("gan"),
    /** Transposed-convolution generator and convolutional discriminator, BCE loss. */
    DCGAN("dcgan"),
    /** Fully connected generator and critic, WGAN-GP loss (Wasserstein with gradient penalty). */
    WGAN_GP_LINEAR("wgan_gp_linear"),
    /** Upsampling-convolution generator and convolutional critic, WGAN-GP loss. */
    WGAN_GP_CONV("wgan_gp_conv");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** Returns the lower-case id, for example {@code "wgan_gp_conv"}. */
    public String id() {
        return id;
    }

    /** Returns true for the two WGAN-GP architectures, whose critic has no sigmoid. */
    public boolean isWasserstein() {
        return this == WGAN_GP_LINEAR || this == WGAN_GP_CONV;
    }

    /**
     * Returns the architecture with the given id.
     *
     * @throws IllegalArgumentException if the id is unknown; the message lists the valid ids
     */
    public static Architecture fromId(String id) {
        for (Architecture architecture : values()) {
            if (architecture.id.equals(id)) {
                return architecture;
            }
        }
        String valid = Arrays.stream(values())
                .map(Architecture::id)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "Unknown architecture '" + id + "'; valid ids are: " + valid);
    }

    @Override
    public String toString() {
        return id;
    }
}
