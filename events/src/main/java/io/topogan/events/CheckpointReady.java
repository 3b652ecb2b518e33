package io.topogan.events;

import java.time.Instant;
import java.util.List;

/**
 * A trainer stored the blobs of one selected epoch; published on {@link Topics#CHECKPOINTS} after
 * every blob it names is written.
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId id of the run
 * @param epoch epoch after whose training the checkpoint was taken, from 0
 * @param previousEpoch the run's previous checkpoint epoch, or -1 for the first checkpoint
 * @param lastCheckpoint whether this is the run's final checkpoint
 * @param model architecture id
 * @param dataset dataset id
 * @param classes class filter of the training data; empty means all classes
 * @param nPerm points kept by greedy subsampling before persistent homology
 * @param samples generated samples, float32 of shape (n, C, 32, 32), values in [-1, 1]
 * @param noise latent vectors of the layer captures, float32 of shape (m, 100)
 * @param layers outputs of each generator layer for those latent vectors
 * @param real real training images of the run, float32 of shape (r, C, 32, 32); the same blob
 *     at every checkpoint of a run
 * @param grid PNG grid of generated samples
 * @param generatorWeights generator parameters
 * @param discriminatorWeights discriminator (critic) parameters
 * @param discriminatorLoss mean discriminator loss of the epoch, null when not finite
 * @param generatorLoss mean generator loss of the epoch, null when not finite
 * @param createdAt when the checkpoint was published
 */
public record CheckpointReady(
        int schemaVersion,
        String runId,
        int epoch,
        int previousEpoch,
        boolean lastCheckpoint,
        String model,
        String dataset,
        List<Integer> classes,
        int nPerm,
        BlobRef samples,
        BlobRef noise,
        List<LayerBlob> layers,
        BlobRef real,
        BlobRef grid,
        BlobRef generatorWeights,
        BlobRef discriminatorWeights,
        Double discriminatorLoss,
        Double generatorLoss,
        Instant createdAt) implements Event {

    public CheckpointReady {
        classes = NonNullLists.copyOf(classes, "classes");
        layers = NonNullLists.copyOf(layers, "layers");
    }
}
