package io.topogan.cli;

import io.topogan.gan.Architecture;
import io.topogan.gan.ModelSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the GAN architectures with the parameter counts of their networks. */
@Command(name = "models", description = "List the GAN architectures, one line each, with the"
        + " parameter counts of the generator and the discriminator (critic) for 32x32 images.")
final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--channels", paramLabel = "C", description = "Image channels, 1 to 4"
            + " (default: ${DEFAULT-VALUE}).")
    int channels = 3;

    @Option(names = "--size", paramLabel = "PIXELS", description = "Image side; the reference"
            + " architectures are defined for 32 only (default: ${DEFAULT-VALUE}).")
    int size = 32;

    @Override
    public Integer call() {
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("--channels must be in 1..4, got " + channels);
        }
        if (size != 32) {
            throw new IllegalArgumentException("--size " + size + " is not supported: the"
                    + " reference architectures are defined for 32x32 images");
        }
        System.out.printf("%-16s %15s %20s%n", "MODEL", "GENERATOR", "DISCRIMINATOR");
        for (Architecture architecture : Architecture.values()) {
            ModelSummary summary = ModelSummary.of(architecture, channels);
            System.out.printf("%-16s %,15d %,20d%n", architecture.id(),
                    summary.generatorParameters(), summary.discriminatorParameters());
        }
        return 0;
    }
}
