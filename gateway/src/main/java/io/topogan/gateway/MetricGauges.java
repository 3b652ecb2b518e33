package io.topogan.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exposes every computed value as the Prometheus gauge {@code topogan_metric_value} with tags run,
 * analyzer, layer, metric and homology dimension ({@code none} for values without one), and the
 * latest epoch and losses of each run as {@code topogan_run_*} gauges. Each gauge holds the value
 * of the newest epoch received.
 */
@ApplicationScoped
public class MetricGauges {

    private final MeterRegistry registry;
    private final Map<Tags, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    public MetricGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(MetricComputed metric) {
        for (var entry : metric.values().entrySet()) {
            String name = entry.getKey();
            String dimension = "none";
            if (name.matches("h\\d+\\..+")) {
                dimension = name.substring(1, name.indexOf('.'));
                name = name.substring(name.indexOf('.') + 1);
            }
            Tags tags = Tags.of("run", metric.runId(), "analyzer", metric.analyzer(),
                    "layer", metric.layer(), "metric", name, "dimension", dimension);
            set("topogan_metric_value", tags, entry.getValue());
        }
    }

    void record(RunStatus status) {
        Tags tags = Tags.of("run", status.runId());
        set("topogan_run_epoch", tags, status.epoch());
        set("topogan_run_discriminator_loss", tags, orNaN(status.discriminatorLoss()));
        set("topogan_run_generator_loss", tags, orNaN(status.generatorLoss()));
        set("topogan_run_images_per_second", tags, orNaN(status.imagesPerSecond()));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private void set(String name, Tags tags, double value) {
        Tags key = tags.and("__name", name);
        values.computeIfAbsent(key, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            registry.gauge(name, tags, holder, AtomicReference::get);
            return holder;
        }).set(value);
    }
}
