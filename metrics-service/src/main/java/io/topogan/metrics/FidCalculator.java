package io.topogan.metrics;

import ai.djl.engine.EngineException;
import io.quarkus.logging.Log;
import io.topogan.formats.NpyArray;
import io.topogan.geometry.FrechetDistance;
import io.topogan.geometry.GaussianStatistics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the values of one FID result from the real statistics and the generated images:
 * the distance under {@code metric} ({@code fid} or {@code fd_lenet}), {@code feature_dim},
 * {@code real_samples} and {@code generated_samples}. The statistics and the distance come from
 * libtorch when a {@link TorchLinearAlgebra} is given, and from the pure-Java
 * {@code io.topogan.geometry} code otherwise.
 */
final class FidCalculator {

    /** Values and undefined values of one result. */
    record Result(Map<String, Double> values, Map<String, String> undefined) {
    }

    private FidCalculator() {
    }

    static Result compute(String metric, FeatureExtractor extractor, GaussianStatistics real,
            NpyArray generatedImages) {
        return compute(metric, extractor, real, generatedImages, Optional.empty());
    }

    static Result compute(String metric, FeatureExtractor extractor, GaussianStatistics real,
            NpyArray generatedImages, Optional<TorchLinearAlgebra> linearAlgebra) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> undefined = new LinkedHashMap<>();
        values.put("feature_dim", (double) real.dimension());
        values.put("real_samples", (double) real.samples());
        int generatedCount = generatedImages.ndim() > 0 ? generatedImages.shape()[0] : 0;
        values.put("generated_samples", (double) generatedCount);
        if (generatedCount < 2) {
            undefined.put(metric, "only " + generatedCount + " generated images, but a"
                    + " covariance needs at least 2");
            return new Result(values, undefined);
        }
        float[][] features = extractor.extract(generatedImages);
        GaussianStatistics generated = statistics(features, linearAlgebra);
        if (generated.dimension() != real.dimension()) {
            throw new IllegalArgumentException("model " + extractor.name() + " returned "
                    + generated.dimension() + " features, but the real statistics have "
                    + real.dimension());
        }
        values.put(metric, distance(real, generated, linearAlgebra));
        return new Result(values, undefined);
    }

    /**
     * Fits the Gaussian with libtorch when given, and with the Java code when not or when
     * libtorch fails.
     */
    static GaussianStatistics statistics(float[][] features,
            Optional<TorchLinearAlgebra> linearAlgebra) {
        if (linearAlgebra.isPresent()) {
            try {
                return linearAlgebra.get().statistics(features);
            } catch (EngineException e) {
                Log.errorf("libtorch statistics failed, using the Java code: %s", e.getMessage());
            }
        }
        return GaussianStatistics.of(features);
    }

    private static double distance(GaussianStatistics real, GaussianStatistics generated,
            Optional<TorchLinearAlgebra> linearAlgebra) {
        if (linearAlgebra.isPresent()) {
            try {
                return linearAlgebra.get().distance(real, generated);
            } catch (EngineException e) {
                Log.errorf("libtorch Fréchet distance failed, using the Java code: %s",
                        e.getMessage());
            }
        }
        return FrechetDistance.between(real, generated);
    }
}
