package io.topogan.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus meters of the gateway, built from the events it consumes:
 * <ul>
 * <li>{@code topogan_metric_value{run,analyzer,layer,metric,dimension}}: every computed value,
 *     with the homology dimension ({@code none} for values without one). Each series contains
 *     the value of the newest event received.
 * <li>{@code topogan_run_epoch}, {@code topogan_run_discriminator_loss},
 *     {@code topogan_run_generator_loss} and {@code topogan_run_images_per_second}, tagged by
 *     run: the latest status of each run.
 * <li>{@code topogan_run_state{run,state}}: 1 for the run's current state and 0 for the others.
 * <li>{@code topogan_analyzer_latency_seconds{analyzer}}: a timer with a histogram, recorded as
 *     the time from the checkpoint's publication to the result's publication.
 * <li>{@code topogan_analyzer_results_total{analyzer}}: result events received.
 * </ul>
 */
@ApplicationScoped
public class MetricGauges {

    /** Bucket range of the latency histogram: a CPU analyzer can take many minutes. */
    static final Duration LATENCY_MIN = Duration.ofMillis(100);
    static final Duration LATENCY_MAX = Duration.ofHours(2);

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
        Counter.builder("topogan_analyzer_results_total")
                .description("MetricComputed events received, by analyzer")
                .tag("analyzer", metric.analyzer())
                .register(registry)
                .increment();
        recordLatency(metric);
    }

    void record(RunStatus status) {
        Tags tags = Tags.of("run", status.runId());
        set("topogan_run_epoch", tags, status.epoch());
        set("topogan_run_discriminator_loss", tags, orNaN(status.discriminatorLoss()));
        set("topogan_run_generator_loss", tags, orNaN(status.generatorLoss()));
        set("topogan_run_images_per_second", tags, orNaN(status.imagesPerSecond()));
        for (RunStatus.State state : RunStatus.State.values()) {
            set("topogan_run_state", tags.and("state", state.name()),
                    state == status.state() ? 1 : 0);
        }
    }

    /**
     * Records createdAt - checkpointCreatedAt. Events without either time, and negative
     * differences from clocks that disagree between hosts, are skipped.
     */
    private void recordLatency(MetricComputed metric) {
        if (metric.checkpointCreatedAt() == null || metric.createdAt() == null) {
            return;
        }
        Duration latency = Duration.between(metric.checkpointCreatedAt(), metric.createdAt());
        if (latency.isNegative()) {
            return;
        }
        Timer.builder("topogan_analyzer_latency")
                .description("Time from a checkpoint's publication to an analyzer's result")
                .tag("analyzer", metric.analyzer())
                .publishPercentileHistogram()
                .minimumExpectedValue(LATENCY_MIN)
                .maximumExpectedValue(LATENCY_MAX)
                .register(registry)
                .record(latency);
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
