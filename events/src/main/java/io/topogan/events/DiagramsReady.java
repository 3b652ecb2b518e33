package io.topogan.events;

import java.time.Instant;

/**
 * The homology analyzer stored the persistence diagrams of one point cloud of a checkpoint;
 * published on {@link Topics#DIAGRAMS}.
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId id of the run
 * @param epoch checkpoint epoch, or -1 for the run's real-data and noise clouds
 * @param layer cloud id: {@code samples}, {@code real}, {@code noise}, or a generator layer id such
 *     as {@code 03-leakyrelu}
 * @param diagrams float64 {@code .npy} of shape (bars, 3) with rows (dimension, birth, death);
 *     death is {@code inf} for bars that never die
 * @param maxDimension highest homology dimension computed
 * @param points points in the cloud before subsampling
 * @param nPerm points kept by greedy furthest-point subsampling
 * @param coveringRadius covering radius of the subsample (0 when every point was kept)
 * @param checkpointCreatedAt when the checkpoint was published, for latency measurements
 * @param createdAt when the diagrams were stored
 */
public record DiagramsReady(
        int schemaVersion,
        String runId,
        int epoch,
        String layer,
        BlobRef diagrams,
        int maxDimension,
        int points,
        int nPerm,
        double coveringRadius,
        Instant checkpointCreatedAt,
        Instant createdAt) implements Event {
}
