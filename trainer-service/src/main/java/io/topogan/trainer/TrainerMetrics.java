package io.topogan.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.topogan.gan.EpochStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Training gauges and counters tagged by run: {@code topogan_training_discriminator_loss},
 * {@code topogan_training_generator_loss}, {@code topogan_training_images_per_second},
 * {@code topogan_training_epoch}, and the counters {@code topogan_training_epochs_total} and
 * {@code topogan_training_checkpoints_total}.
 */
@ApplicationScoped
public class TrainerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void epochFinished(String runId, EpochStats stats) {
        set("topogan_training_discriminator_loss", runId, stats.discriminatorLoss());
        set("topogan_training_generator_loss", runId, stats.generatorLoss());
        set("topogan_training_images_per_second", runId, stats.imagesPerSecond());
        set("topogan_training_epoch", runId, stats.epoch());
        Counter.builder("topogan_training_epochs_total").tags(Tags.of("run", runId))
                .register(registry).increment();
    }

    void checkpointPublished(String runId) {
        Counter.builder("topogan_training_checkpoints_total").tags(Tags.of("run", runId))
                .register(registry).increment();
    }

    private void set(String name, String runId, double value) {
        gauges.computeIfAbsent(name + "/" + runId, key -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            registry.gauge(name, Tags.of("run", runId), holder, AtomicReference::get);
            return holder;
        }).set(Double.isFinite(value) ? value : Double.NaN);
    }
}
