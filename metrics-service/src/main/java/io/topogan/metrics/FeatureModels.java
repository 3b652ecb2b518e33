package io.topogan.metrics;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the feature models of the FID analyzer once and keeps them open: the Inception model from
 * {@code topogan.fid.model} when it is configured and available, and the per-dataset fallback
 * classifiers shipped in this module under {@code fid/lenet-<dataset>.pt}.
 */
@ApplicationScoped
public class FeatureModels {

    /** Datasets with a fallback classifier. */
    static final java.util.Set<String> FALLBACK_DATASETS = java.util.Set.of("mnist",
            "fashion-mnist");

    private final Optional<String> location;
    private final Optional<String> sha256;
    private final String modelName;
    private final Path cacheDir;
    private final int batchSize;
    private final Duration downloadTimeout;

    private FeatureExtractor standard;
    private String standardUnavailable;
    private boolean standardResolved;
    private final Map<String, FeatureExtractor> fallbacks = new HashMap<>();
    private TorchLinearAlgebra linearAlgebra;
    private boolean linearAlgebraResolved;

    public FeatureModels(@ConfigProperty(name = "topogan.fid.model") Optional<String> location,
            @ConfigProperty(name = "topogan.fid.model-sha256") Optional<String> sha256,
            @ConfigProperty(name = "topogan.fid.model-name") String modelName,
            @ConfigProperty(name = "topogan.fid.cache-dir") Path cacheDir,
            @ConfigProperty(name = "topogan.fid.batch-size") int batchSize,
            @ConfigProperty(name = "topogan.fid.download-timeout") Duration downloadTimeout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("topogan.fid.batch-size must be at least 1, got "
                    + batchSize);
        }
        this.location = location.map(String::trim).filter(value -> !value.isEmpty());
        this.sha256 = sha256;
        this.modelName = modelName;
        this.cacheDir = cacheDir;
        this.batchSize = batchSize;
        this.downloadTimeout = downloadTimeout;
    }

    /**
     * Returns the Inception model, loading it on the first call, or empty when it is not
     * configured or cannot be loaded; {@link #standardUnavailableReason()} then says why.
     */
    synchronized Optional<FeatureExtractor> standard() {
        if (!standardResolved) {
            standardResolved = true;
            if (location.isEmpty()) {
                standardUnavailable = "the Inception-v3 model is not configured"
                        + " (topogan.fid.model)";
            } else {
                try {
                    Path file = ModelFiles.resolve(location.get(), sha256, cacheDir,
                            downloadTimeout);
                    standard = new TorchScriptFeatureExtractor(modelName, file,
                            InputContract.INCEPTION, batchSize);
                    Log.infof("FID feature model %s loaded from %s", modelName, file);
                } catch (IOException | RuntimeException e) {
                    standardUnavailable = "the Inception-v3 model is not available: "
                            + e.getMessage();
                    Log.errorf("FID feature model %s not available, using the fallback: %s",
                            modelName, e.getMessage());
                }
            }
        }
        return Optional.ofNullable(standard);
    }

    synchronized String standardUnavailableReason() {
        return standardUnavailable;
    }

    /**
     * Returns the fallback classifier of {@code dataset}, or empty when none is shipped for it.
     *
     * @throws IOException if the shipped file cannot be copied or loaded
     */
    synchronized Optional<FeatureExtractor> fallback(String dataset) throws IOException {
        if (!FALLBACK_DATASETS.contains(dataset)) {
            return Optional.empty();
        }
        FeatureExtractor extractor = fallbacks.get(dataset);
        if (extractor == null) {
            String name = "lenet-" + dataset;
            Optional<Path> file = ModelFiles.extractResource("fid/" + name + ".pt", cacheDir);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            extractor = new TorchScriptFeatureExtractor(name, file.get(), InputContract.LENET,
                    batchSize);
            fallbacks.put(dataset, extractor);
        }
        return Optional.of(extractor);
    }

    /**
     * Returns the libtorch statistics and distance, loading them on the first call, or empty when
     * they cannot be loaded; the FID analyzer then uses the pure-Java code.
     */
    synchronized Optional<TorchLinearAlgebra> linearAlgebra() {
        if (!linearAlgebraResolved) {
            linearAlgebraResolved = true;
            try {
                linearAlgebra = TorchLinearAlgebra.load(cacheDir);
            } catch (IOException | RuntimeException e) {
                Log.errorf("libtorch linear algebra not available, using the pure-Java Fréchet"
                        + " distance: %s", e.getMessage());
            }
        }
        return Optional.ofNullable(linearAlgebra);
    }

    @PreDestroy
    synchronized void close() {
        if (linearAlgebra != null) {
            linearAlgebra.close();
        }
        if (standard != null) {
            standard.close();
        }
        fallbacks.values().forEach(FeatureExtractor::close);
        fallbacks.clear();
    }
}
