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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every run's latest status and metric history, rebuilt from the {@code topogan.runs} and
 * {@code topogan.metrics} topics on start. A redelivered metric replaces the earlier one with the
 * same (epoch, analyzer, layer), so the history holds one entry per result.
 */
@ApplicationScoped
public class RunHistory {

    /** One run as the API shows it. */
    public record RunView(String runId, RunConfig config, RunStatus status,
            List<MetricComputed> metrics) {
    }

    private static final class Entry {
        RunConfig config;
        RunStatus status;
        final Map<String, MetricComputed> metrics = new LinkedHashMap<>();
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
