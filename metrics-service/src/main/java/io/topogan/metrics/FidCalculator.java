package io.topogan.metrics;

import io.topogan.formats.NpyArray;
import io.topogan.geometry.FrechetDistance;
import io.topogan.geometry.GaussianStatistics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the values of one FID result from the real statistics and the generated images:
 * the distance under {@code metric} ({@code fid} or {@code fd_lenet}), {@code feature_dim},
 * {@code real_samples} and {@code generated_samples}.
 */
final class FidCalculator {

    /** Values and undefined values of one result. */
    record Result(Map<String, Double> values, Map<String, String> undefined) {
    }

    private FidCalculator() {
    }

    static Result compute(String metric, FeatureExtractor extractor, GaussianStatistics real,
            NpyArray generatedImages) {
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
        GaussianStatistics generated = GaussianStatistics.of(features);
        if (generated.dimension() != real.dimension()) {
            throw new IllegalArgumentException("model " + extractor.name() + " returned "
                    + generated.dimension() + " features, but the real statistics have "
                    + real.dimension());
        }
        values.put(metric, FrechetDistance.between(real, generated));
        return new Result(values, undefined);
    }
}
