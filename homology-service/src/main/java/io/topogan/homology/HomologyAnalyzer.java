package io.topogan.homology;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.BlobRef;
import io.topogan.events.CheckpointReady;
import io.topogan.events.DiagramsReady;
import io.topogan.events.EventJson;
import io.topogan.events.LayerBlob;
import io.topogan.events.MetricComputed;
import io.topogan.events.Topics;
import io.topogan.formats.NpyArray;
import io.topogan.service.PointClouds;
import io.topogan.service.ResultPublisher;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.topology.DiagramDistance;
import io.topogan.topology.GreedyPermutation;
import io.topogan.topology.Metric;
import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.RipsPersistence;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The homology analyzer. For each {@link CheckpointReady} it computes Vietoris–Rips persistence
 * (dimensions 0..max-dimension, after greedy subsampling to the run's n_perm points) of the
 * generated samples and of each generator layer's output, and once per run of the real data and
 * the input noise. Each cloud's diagrams are stored under {@code diagrams/{cloud}.npy} and
 * announced with a {@link DiagramsReady}; its metrics (bar counts, total and maximum persistence,
 * Wasserstein and bottleneck distances to the previous checkpoint and to the real data) go out as
 * a {@link MetricComputed} with analyzer {@code homology}.
 */
@ApplicationScoped
public class HomologyAnalyzer {

    static final String ANALYZER = "homology";
    private static final String SERVICE = "homology-service";

    private final BlobStore store;
    private final ResultPublisher results;
    private final Emitter<Record<String, String>> diagramEvents;
    private final int maxDimension;
    private final boolean analyseLayers;

    public HomologyAnalyzer(BlobStore store, ResultPublisher results,
            @Channel("diagrams-out") Emitter<Record<String, String>> diagramEvents,
            @ConfigProperty(name = "topogan.homology.max-dimension") int maxDimension,
            @ConfigProperty(name = "topogan.homology.layers") boolean analyseLayers) {
        if (maxDimension < 0 || maxDimension > 2) {
            throw new IllegalArgumentException("topogan.homology.max-dimension must be 0, 1 or 2,"
                    + " got " + maxDimension);
        }
        this.store = store;
        this.results = results;
        this.diagramEvents = diagramEvents;
        this.maxDimension = maxDimension;
        this.analyseLayers = analyseLayers;
    }

    @Incoming("checkpoints")
    @Blocking
    public void onCheckpoint(String json) {
        results.analyseOrDeadLetter(SERVICE, Topics.CHECKPOINTS, json, CheckpointReady.class,
                checkpoint -> "epoch " + checkpoint.epoch(), this::analyse);
    }

    void analyse(CheckpointReady checkpoint) throws IOException {
        String runId = checkpoint.runId();
        int nPerm = checkpoint.nPerm();
        Log.debugf("homology of run=%s epoch=%d", runId, checkpoint.epoch());

        CloudDiagrams real = runLevelCloud(checkpoint, "real", checkpoint.real());
        runLevelCloud(checkpoint, "noise", checkpoint.noise());

        CloudDiagrams samples = cloud(checkpoint, checkpoint.epoch(), "samples",
                checkpoint.samples().key(), nPerm);
        CloudDiagrams previous = checkpoint.previousEpoch() < 0 ? null
                : cloud(checkpoint, checkpoint.previousEpoch(), "samples",
                        ObjectKeys.samples(runId, checkpoint.previousEpoch()), nPerm);
        publishMetrics(checkpoint, checkpoint.epoch(), "samples", samples, previous, real);

        if (!analyseLayers) {
            return;
        }
        for (LayerBlob layer : checkpoint.layers()) {
            String layerId = layer.layerId();
            CloudDiagrams current = cloud(checkpoint, checkpoint.epoch(), layerId,
                    layer.blob().key(), nPerm);
            CloudDiagrams before = null;
            if (checkpoint.previousEpoch() >= 0) {
                String previousKey = ObjectKeys.layer(runId, checkpoint.previousEpoch(), layerId);
                if (store.exists(previousKey)) {
                    before = cloud(checkpoint, checkpoint.previousEpoch(), layerId, previousKey,
                            nPerm);
                }
            }
            publishMetrics(checkpoint, checkpoint.epoch(), layerId, current, before, null);
        }
    }

    /**
     * Returns the diagrams of a cloud that is the same at every checkpoint of a run (real data or
     * input noise). Its metrics are published when no result is stored yet, and again at the run's
     * first checkpoint. A redelivered first checkpoint may follow a crash that came after the
     * result was stored but before the broker acknowledged its event.
     */
    private CloudDiagrams runLevelCloud(CheckpointReady checkpoint, String cloud, BlobRef blob)
            throws IOException {
        boolean stored = store.exists(ObjectKeys.result(checkpoint.runId(), -1, ANALYZER, cloud));
        CloudDiagrams diagrams = cloud(checkpoint, -1, cloud, blob.key(), checkpoint.nPerm());
        if (!stored || checkpoint.previousEpoch() < 0) {
            publishMetrics(checkpoint, -1, cloud, diagrams, null, null);
        }
        return diagrams;
    }

    /**
     * Returns the diagrams of one cloud: read back if its result is already stored (a redelivered
     * checkpoint, or the previous epoch), else computed from the cloud's blob, stored and
     * announced. Diagrams stored without a result, by a process that crashed in between, are
     * computed again, so the result gets every value; subsampling and persistence are
     * deterministic, so the diagrams are the same.
     */
    private CloudDiagrams cloud(CheckpointReady checkpoint, int epoch, String cloud,
            String blobKey, int nPerm) throws IOException {
        String runId = checkpoint.runId();
        String diagramKey = ObjectKeys.diagrams(runId, epoch, cloud);
        ObjectKeys.requireUnderRun(runId, blobKey);
        if (store.exists(ObjectKeys.result(runId, epoch, ANALYZER, cloud))
                && store.exists(diagramKey)) {
            List<PersistenceDiagram> stored = DiagramArrays.fromArray(store.getNpy(diagramKey),
                    maxDimension);
            return new CloudDiagrams(stored, -1, nPerm, Double.NaN, 0);
        }
        float[][] points = PointClouds.rows(store.getNpy(blobKey), blobKey);
        long start = System.nanoTime();
        GreedyPermutation.Selection selection = GreedyPermutation.select(points, nPerm,
                Metric.EUCLIDEAN);
        List<PersistenceDiagram> diagrams = new RipsPersistence()
                .withMaxDim(maxDimension)
                .compute(selection.apply(points))
                .diagrams();
        long millis = (System.nanoTime() - start) / 1_000_000;
        NpyArray array = DiagramArrays.toArray(diagrams);
        store.putNpy(diagramKey, array);
        ResultPublisher.awaitAcknowledged(diagramEvents.send(Record.of(runId,
                EventJson.write(new DiagramsReady(1, runId, epoch, cloud,
                        new BlobRef(diagramKey, List.of(array.shape()[0], 3), "float64"),
                        maxDimension, points.length, selection.indices().length,
                        selection.coveringRadius(), checkpoint.createdAt(), Instant.now())))),
                "diagrams of run " + runId);
        return new CloudDiagrams(diagrams, points.length, selection.indices().length,
                selection.coveringRadius(), millis);
    }

    private void publishMetrics(CheckpointReady checkpoint, int epoch, String cloud,
            CloudDiagrams current, CloudDiagrams previous, CloudDiagrams real) {
        // Diagrams read back from storage lack the point counts and compute time, so a stored
        // result is sent again unchanged instead of being rebuilt with fewer values.
        if (current.points() < 0
                && results.republishStored(checkpoint.runId(), epoch, ANALYZER, cloud)) {
            return;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> undefined = new LinkedHashMap<>();
        if (current.points() >= 0) {
            values.put("points", (double) current.points());
            values.put("n_perm", (double) current.nPerm());
            values.put("covering_radius", current.coveringRadius());
        }
        for (PersistenceDiagram diagram : current.diagrams()) {
            String prefix = "h" + diagram.dimension() + ".";
            values.put(prefix + "bars", (double) diagram.size());
            values.put(prefix + "total_persistence", diagram.totalPersistence());
            values.put(prefix + "max_persistence", diagram.maxPersistence());
            compare(values, prefix, "previous", diagram, previous);
            compare(values, prefix, "real", diagram, real);
        }
        if (previous == null && epoch >= 0) {
            undefined.put("wasserstein_previous", "first checkpoint of the run");
        }
        if (!analyseLayers && cloud.equals("samples") && !checkpoint.layers().isEmpty()) {
            undefined.put(MetricComputed.LAYERS_NOT_ANALYSED, "generator layers are not"
                    + " analysed because topogan.homology.layers is false");
        }
        results.publish(new MetricComputed(1, checkpoint.runId(), epoch, ANALYZER, cloud, values,
                undefined, current.computeMillis(), checkpoint.createdAt(), Instant.now()));
    }

    /** Adds Wasserstein (order 1) and bottleneck distances to the same dimension of another cloud. */
    private static void compare(Map<String, Double> values, String prefix, String name,
            PersistenceDiagram diagram, CloudDiagrams other) {
        if (other == null) {
            return;
        }
        PersistenceDiagram target = other.diagrams().get(diagram.dimension());
        values.put(prefix + "wasserstein_" + name,
                DiagramDistance.wasserstein(diagram, target, 1).distance());
        values.put(prefix + "bottleneck_" + name,
                DiagramDistance.bottleneck(diagram, target).distance());
    }
}
