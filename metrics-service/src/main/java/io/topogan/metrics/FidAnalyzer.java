package io.topogan.metrics;

import io.smallrye.common.annotation.Blocking;
import io.topogan.events.CheckpointReady;
import io.topogan.events.MetricComputed;
import io.topogan.events.Topics;
import io.topogan.formats.NpyArray;
import io.topogan.geometry.GaussianStatistics;
import io.topogan.service.ResultPublisher;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The FID analyzer. For each {@link CheckpointReady} it embeds the generated samples with a
 * feature model, fits a Gaussian, and publishes a {@link MetricComputed} with analyzer
 * {@code fid} and layer {@code samples}: the Fréchet distance to the Gaussian of the real
 * images' features, {@code feature_dim}, {@code real_samples} and {@code generated_samples}.
 *
 * <p>With the Inception-v3 model configured the distance is the standard FID, value {@code fid}.
 * Without it, {@code fid} is undefined with the reason, and the distance in the feature space of
 * the dataset's shipped LeNet-style classifier is published as {@code fd_lenet}; datasets without
 * such a classifier (CIFAR-10) get both undefined. Real statistics are cached, see
 * {@link RealStatistics}.
 */
@ApplicationScoped
public class FidAnalyzer {

    static final String ANALYZER = "fid";
    static final String STANDARD = "fid";
    static final String FALLBACK = "fd_lenet";
    private static final String SERVICE = "metrics-service";

    private final BlobStore store;
    private final ResultPublisher results;
    private final FeatureModels models;

    public FidAnalyzer(BlobStore store, ResultPublisher results, FeatureModels models) {
        this.store = store;
        this.results = results;
        this.models = models;
    }

    @Incoming("fid-checkpoints")
    @Blocking
    public void onCheckpoint(String json) {
        results.analyseOrDeadLetter(SERVICE, Topics.CHECKPOINTS, json, CheckpointReady.class,
                checkpoint -> "epoch " + checkpoint.epoch(), this::analyze);
    }

    private void analyze(CheckpointReady checkpoint) throws IOException {
        String runId = checkpoint.runId();
        String samplesKey = ObjectKeys.requireUnderRun(runId, checkpoint.samples().key());
        String realKey = ObjectKeys.requireUnderRun(runId, checkpoint.real().key());
        long start = System.nanoTime();

        Map<String, String> undefined = new LinkedHashMap<>();
        Optional<FeatureExtractor> extractor = models.standard();
        String metric = STANDARD;
        if (extractor.isEmpty()) {
            undefined.put(STANDARD, models.standardUnavailableReason()
                    + "; fd_lenet is the fallback distance");
            metric = FALLBACK;
            extractor = models.fallback(checkpoint.dataset());
            if (extractor.isEmpty()) {
                undefined.put(FALLBACK, "no fallback feature model for dataset "
                        + checkpoint.dataset() + "; fallbacks exist for "
                        + FeatureModels.FALLBACK_DATASETS);
                publish(checkpoint, Map.of(), undefined, start);
                return;
            }
        }

        FeatureExtractor model = extractor.get();
        NpyArray real = store.getNpy(realKey);
        int realCount = real.ndim() > 0 ? real.shape()[0] : 0;
        String prefix = RealStatistics.prefixFor(runId, model.name(), checkpoint.dataset(),
                checkpoint.classes(), realCount);
        Optional<TorchLinearAlgebra> linearAlgebra = models.linearAlgebra();
        GaussianStatistics realStatistics = RealStatistics.loadOrCompute(store, prefix,
                realCount, () -> FidCalculator.statistics(model.extract(real), linearAlgebra));
        FidCalculator.Result result = FidCalculator.compute(metric, model, realStatistics,
                store.getNpy(samplesKey), linearAlgebra);
        undefined.putAll(result.undefined());
        publish(checkpoint, result.values(), undefined, start);
    }

    private void publish(CheckpointReady checkpoint, Map<String, Double> values,
            Map<String, String> undefined, long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        results.publish(new MetricComputed(1, checkpoint.runId(), checkpoint.epoch(), ANALYZER,
                "samples", values, undefined, millis, checkpoint.createdAt(), Instant.now()));
    }
}
