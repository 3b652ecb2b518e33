package io.topogan.trainer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.topogan.events.RunConfig;
import io.topogan.gan.BatchProgress;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final StopRequests stops = new StopRequests();
    // No status event is due: the reporter publishes at most every 10 s.
    private final ProgressReporter reporter =
            new ProgressReporter("run-1", RunConfig.demo(), 3, null, stops);

    @Test
    void finiteLossesPass() {
        assertDoesNotThrow(() -> reporter.onBatch(new BatchProgress(3, 4, 63, 0.7f, 1.2f, 1.0)));
    }

    @Test
    void batchWithoutGeneratorStepPasses() {
        // WGAN-GP reports NaN as the generator loss of a batch that updated only the critic.
        assertDoesNotThrow(() -> reporter.onBatch(
                new BatchProgress(3, 4, 63, -2.5f, Float.NaN, 1.0)));
    }

    @Test
    void nonFiniteLossFailsWithPosition() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> reporter.onBatch(new BatchProgress(3, 4, 63, Float.NaN, 1.2f, 1.0)));

        assertTrue(error.getMessage().contains("diverged at epoch 3, batch 5/63"),
                error.getMessage());
        assertThrows(IllegalStateException.class, () -> reporter.onBatch(
                new BatchProgress(3, 4, 63, 0.7f, Float.POSITIVE_INFINITY, 1.0)));
    }

    @Test
    void shutdownLeavesTheRunAtTheNextBatch() {
        stops.shutDown();

        assertThrows(StopRequests.TrainerShutdown.class,
                () -> reporter.onBatch(new BatchProgress(3, 4, 63, 0.7f, 1.2f, 1.0)));
    }
}
