package io.topogan.gateway;

import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every run's latest status and metric history, rebuilt from the {@code topogan.runs} and
 * {@code topogan.metrics} topics on start. A redelivered metric replaces the earlier one with the
 * same (epoch, analyzer, layer), so the history contains one entry per result.
 */
@ApplicationScoped
public class RunHistory {

    /** One run as the API shows it. */
    public record RunView(String runId, RunConfig config, RunStatus status,
            List<MetricComputed> metrics) {
    }

    /**
     * Training progress of one epoch, from the trainer's RunStatus of that epoch.
     *
     * @param epoch completed epoch
     * @param discriminatorLoss mean discriminator loss; null when not finite
     * @param generatorLoss mean generator loss; null when not finite
     * @param imagesPerSecond training throughput
     */
    public record EpochLoss(int epoch, Double discriminatorLoss, Double generatorLoss,
            Double imagesPerSecond) {
    }

    private static final class Entry {
        RunConfig config;
        RunStatus status;
        final Map<String, MetricComputed> metrics = new LinkedHashMap<>();
        final Map<Integer, EpochLoss> losses = new TreeMap<>();
    }

    private final Map<String, Entry> runs = new ConcurrentHashMap<>();

    /** Records a status event; an older event than the one held is ignored. */
    public void record(RunStatus status) {
        Entry entry = runs.computeIfAbsent(status.runId(), id -> new Entry());
        synchronized (entry) {
            if (status.config() != null) {
                entry.config = status.config();
            }
            if (entry.status == null || !status.createdAt().isBefore(entry.status.createdAt())) {
                entry.status = status;
            }
            if (status.epoch() >= 0 && (status.discriminatorLoss() != null
                    || status.generatorLoss() != null)) {
                entry.losses.put(status.epoch(), new EpochLoss(status.epoch(),
                        status.discriminatorLoss(), status.generatorLoss(),
                        status.imagesPerSecond()));
            }
        }
    }

    /** Records a metric result under its (epoch, analyzer, layer) key. */
    public void record(MetricComputed metric) {
        Entry entry = runs.computeIfAbsent(metric.runId(), id -> new Entry());
        synchronized (entry) {
            entry.metrics.put(metric.epoch() + "/" + metric.analyzer() + "/" + metric.layer(),
                    metric);
        }
    }

    /** Returns every run, newest status first. */
    public List<RunView> runs() {
        List<RunView> views = new ArrayList<>();
        for (String runId : runs.keySet()) {
            find(runId).ifPresent(views::add);
        }
        views.sort(Comparator.comparing((RunView view) -> view.status() == null
                ? java.time.Instant.EPOCH : view.status().createdAt()).reversed());
        return views;
    }

    /** Returns the training losses of every epoch that reported them, in epoch order. */
    public List<EpochLoss> losses(String runId) {
        Entry entry = runs.get(runId);
        if (entry == null) {
            return List.of();
        }
        synchronized (entry) {
            return List.copyOf(entry.losses.values());
        }
    }

    /** Returns one run with its metrics sorted by epoch, analyzer and layer. */
    public Optional<RunView> find(String runId) {
        Entry entry = runs.get(runId);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            List<MetricComputed> metrics = new ArrayList<>(entry.metrics.values());
            metrics.sort(Comparator.comparingInt(MetricComputed::epoch)
                    .thenComparing(MetricComputed::analyzer)
                    .thenComparing(MetricComputed::layer));
            return Optional.of(new RunView(runId, entry.config, entry.status, metrics));
        }
    }
}
