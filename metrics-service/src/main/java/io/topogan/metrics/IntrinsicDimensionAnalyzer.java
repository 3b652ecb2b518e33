package io.topogan.metrics;

import ai.djl.engine.EngineException;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.topogan.events.CheckpointReady;
import io.topogan.events.MetricComputed;
import io.topogan.events.Topics;
import io.topogan.geometry.LevinaBickelMle;
import io.topogan.geometry.MleEstimate;
import io.topogan.geometry.TwoNn;
import io.topogan.geometry.TwoNnEstimate;
import io.topogan.service.PointClouds;
import io.topogan.service.ResultPublisher;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The intrinsic-dimension analyzer. For each {@link CheckpointReady} it estimates the intrinsic
 * dimension of the generated samples (flattened to vectors), and once per run of the real data,
 * and publishes a {@link MetricComputed} with analyzer {@code id}: {@code mle} and
 * {@code inv_mle} (Levina–Bickel with k neighbours, averaged per point and by MacKay–Ghahramani),
 * {@code twonn}, the distinct points used and the duplicates removed. Mode-collapsed samples with
 * too few distinct points give undefined values with the reason, never an error. The neighbour
 * search screens candidates with libtorch's matrix products ({@link TorchDotProducts}) and falls
 * back to the Java kernel when libtorch fails; both give the same exact neighbours.
 */
@ApplicationScoped
public class IntrinsicDimensionAnalyzer {

    static final String ANALYZER = "id";
    private static final String SERVICE = "metrics-service";
    private static final TorchDotProducts DOT_PRODUCTS = new TorchDotProducts();

    private final BlobStore store;
    private final ResultPublisher results;
    private final int k;

    public IntrinsicDimensionAnalyzer(BlobStore store, ResultPublisher results,
            @ConfigProperty(name = "topogan.id.k") int k) {
        if (k < 3) {
            throw new IllegalArgumentException("topogan.id.k must be at least 3, got " + k);
        }
        this.store = store;
        this.results = results;
        this.k = k;
    }

    @Incoming("id-checkpoints")
    @Blocking
    public void onCheckpoint(String json) {
        results.analyseOrDeadLetter(SERVICE, Topics.CHECKPOINTS, json, CheckpointReady.class,
                checkpoint -> "epoch " + checkpoint.epoch(), this::analyse);
    }

    /** Estimates the dimension of the samples, and of the real data once per run. */
    private void analyse(CheckpointReady checkpoint) throws IOException {
        String runId = checkpoint.runId();
        if (!store.exists(ObjectKeys.result(runId, -1, ANALYZER, "real"))) {
            estimate(checkpoint, -1, "real", checkpoint.real().key());
        }
        estimate(checkpoint, checkpoint.epoch(), "samples", checkpoint.samples().key());
    }

    private void estimate(CheckpointReady checkpoint, int epoch, String cloud, String key)
            throws IOException {
        ObjectKeys.requireUnderRun(checkpoint.runId(), key);
        float[][] points = PointClouds.rows(store.getNpy(key), key);
        long start = System.nanoTime();
        MleEstimate mle;
        TwoNnEstimate twoNn;
        try {
            // One Java thread: libtorch's matrix products already use every core.
            mle = LevinaBickelMle.estimate(points, k, 1, DOT_PRODUCTS);
            twoNn = TwoNn.estimate(points, 1, DOT_PRODUCTS);
        } catch (EngineException | UnsatisfiedLinkError e) {
            Log.errorf("libtorch dot products failed for %s, using the Java kernel: %s", key,
                    e.getMessage());
            mle = LevinaBickelMle.estimate(points, k);
            twoNn = TwoNn.estimate(points);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> undefined = new LinkedHashMap<>();
        values.put("points", (double) points.length);
        values.put("distinct_points", (double) mle.pointsUsed());
        values.put("duplicates_removed", (double) mle.duplicatesRemoved());
        values.put("k", (double) k);
        if (mle.defined()) {
            values.put("mle", mle.mle());
            values.put("inv_mle", mle.invMle());
        } else {
            undefined.put("mle", mle.undefinedReason());
            undefined.put("inv_mle", mle.undefinedReason());
        }
        if (twoNn.defined()) {
            values.put("twonn", twoNn.dimension());
        } else {
            undefined.put("twonn", twoNn.undefinedReason());
        }
        results.publish(new MetricComputed(1, checkpoint.runId(), epoch, ANALYZER, cloud, values,
                undefined, millis, checkpoint.createdAt(), Instant.now()));
    }
}
