package io.topogan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

    @Test
    void parameterCountsMatchPytorch() {
        List<String> lines = TorchFixtures.lines("parameter_counts.txt");
        assertEquals(8, lines.size(), "four architectures times two channel counts");
        for (String line : lines) {
            String[] fields = line.split(" ");
            Architecture architecture = Architecture.fromId(fields[0]);
            int channels = Integer.parseInt(fields[1]);
            ModelSummary summary = ModelSummary.of(architecture, channels);
            assertEquals(Long.parseLong(fields[2]), summary.generatorParameters(),
                    "generator of " + architecture + " with C=" + channels);
            assertEquals(Long.parseLong(fields[3]), summary.discriminatorParameters(),
                    "discriminator of " + architecture + " with C=" + channels);
        }
    }

    @Test
    void architectureIdsRoundTrip() {
        for (Architecture architecture : Architecture.values()) {
            assertEquals(architecture, Architecture.fromId(architecture.id()));
        }
    }

    @Test
    void unknownArchitectureListsValidIds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Architecture.fromId("wgan"));
        assertTrue(error.getMessage().contains("wgan_gp_conv"), error.getMessage());
        assertTrue(error.getMessage().contains("'wgan'"), error.getMessage());
    }
}
