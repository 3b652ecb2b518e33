package io.topogan.trainer;

import io.quarkus.logging.Log;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import io.topogan.gan.BatchProgress;
import io.topogan.gan.EpochListener;
import java.util.Locale;

/**
 * Reports progress within an epoch: a DEBUG line every 20 batches, and a RUNNING status event at
 * most every 10 seconds with the batch count and the epoch's ETA, so a long epoch does not look
 * stalled.
 */
final class ProgressReporter implements EpochListener {

    private static final long STATUS_INTERVAL_NANOS = 10_000_000_000L;

    private final String runId;
    private final RunConfig config;
    private final int epoch;
    private final StatusPublisher status;
    private final StopRequests stops;
    private long lastStatus = System.nanoTime();

    ProgressReporter(String runId, RunConfig config, int epoch, StatusPublisher status,
            StopRequests stops) {
        this.runId = runId;
        this.config = config;
        this.epoch = epoch;
        this.status = status;
        this.stops = stops;
    }

    /**
     * @throws StopRequests.RunStopped if a user asked to stop the run, which abandons the epoch
     * @throws StopRequests.TrainerShutdown if the trainer is shutting down, which abandons the
     *     epoch too; the run resumes from its last stored epoch when a trainer starts
     */
    @Override
    public void onBatch(BatchProgress progress) {
        if (stops.isShuttingDown()) {
            throw new StopRequests.TrainerShutdown(runId);
        }
        if (stops.isRequested(runId)) {
            throw new StopRequests.RunStopped(runId);
        }
        int done = progress.batchIndex() + 1;
        // A NaN generator loss only means that the batch had no generator step (WGAN-GP). A
        // diverged generator shows in the discriminator's loss of the same or the next batch.
        if (!Float.isFinite(progress.discriminatorLoss())
                || Float.isInfinite(progress.generatorLoss())) {
            // Every later step would only spread the NaN; the checkpoints would hold no images.
            throw new IllegalStateException(String.format(Locale.ROOT, "training diverged at"
                    + " epoch %d, batch %d/%d: discriminator loss %s, generator loss %s; try a"
                    + " lower learning rate", epoch, done, progress.batchCount(),
                    progress.discriminatorLoss(), progress.generatorLoss()));
        }
        if (done % 20 == 0) {
            Log.debugf("run %s epoch %d batch %d/%d d_loss=%.4f g_loss=%.4f eta=%.0fs", runId,
                    epoch, done, progress.batchCount(), progress.discriminatorLoss(),
                    progress.generatorLoss(), progress.etaSeconds());
        }
        long now = System.nanoTime();
        if (now - lastStatus >= STATUS_INTERVAL_NANOS && done < progress.batchCount()) {
            lastStatus = now;
            status.publish(runId, RunStatus.State.RUNNING, epoch - 1, config, null,
                    String.format(Locale.ROOT, "epoch %d: batch %d/%d, %.0f s left in the epoch",
                            epoch, done, progress.batchCount(), progress.etaSeconds()));
        }
    }
}
