package io.topogan.gateway;

import io.quarkus.logging.Log;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link RunHistory}, the Prometheus gauges and the live event streams from the
 * {@code topogan.metrics} and {@code topogan.runs} topics. An unreadable event is logged and
 * skipped, never fatal.
 */
@ApplicationScoped
public class EventConsumers {

    private final RunHistory history;
    private final MetricGauges gauges;
    private final LiveEvents live;

    public EventConsumers(RunHistory history, MetricGauges gauges, LiveEvents live) {
        this.history = history;
        this.gauges = gauges;
        this.live = live;
    }

    @Incoming("metrics")
    public void onMetric(String json) {
        try {
            MetricComputed metric = EventJson.read(json, MetricComputed.class);
            history.record(metric);
            gauges.record(metric);
            live.publish(metric);
            Log.debugf("metric run=%s epoch=%d analyzer=%s layer=%s", metric.runId(),
                    metric.epoch(), metric.analyzer(), metric.layer());
        } catch (InvalidEventException e) {
            Log.warnf("skipped an invalid MetricComputed event: %s", e.getMessage());
        }
    }

    @Incoming("runs")
    public void onRunStatus(String json) {
        try {
            RunStatus status = EventJson.read(json, RunStatus.class);
            history.record(status);
            gauges.record(status);
            live.publish(status);
            Log.debugf("status run=%s state=%s epoch=%d", status.runId(), status.state(),
                    status.epoch());
        } catch (InvalidEventException e) {
            Log.warnf("skipped an invalid RunStatus event: %s", e.getMessage());
        }
    }
}
