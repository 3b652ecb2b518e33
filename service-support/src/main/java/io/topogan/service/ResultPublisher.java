package io.topogan.service;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.DeadLetter;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Stores an analyzer's result under {@code results/{analyzer}/{layer}.json} of its epoch and then
 * publishes it on {@code topogan.metrics}; publishes unprocessable records on
 * {@code topogan.dead-letter}. A service that uses it configures the outgoing channels
 * {@code metrics} and {@code dead-letter}.
 */
@ApplicationScoped
public class ResultPublisher {

    private final BlobStore store;
    private final Emitter<Record<String, String>> metrics;
    private final Emitter<Record<String, String>> deadLetters;

    public ResultPublisher(BlobStore store,
            @Channel("metrics") Emitter<Record<String, String>> metrics,
            @Channel("dead-letter") Emitter<Record<String, String>> deadLetters) {
        this.store = store;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    /** Stores the result, then publishes it; the same result rewrites the same object. */
    public void publish(MetricComputed result) {
        String json = EventJson.write(result);
        store.putText(ObjectKeys.result(result.runId(), result.epoch(), result.analyzer(),
                result.layer()), json, "application/json");
        metrics.send(Record.of(result.runId(), json));
        Log.infof("metric computed run=%s epoch=%d analyzer=%s layer=%s in %d ms", result.runId(),
                result.epoch(), result.analyzer(), result.layer(), result.computeMillis());
    }

    /** Publishes a record that cannot be processed, with the reason, and logs it. */
    public void deadLetter(String runId, String service, String topic, String reason,
            String payload) {
        String key = runId == null ? "unknown" : runId;
        Log.errorf("dead-lettered a record of run=%s from %s: %s", key, topic, reason);
        deadLetters.send(Record.of(key, EventJson.write(new DeadLetter(1, key, service, topic,
                reason, payload, Instant.now()))));
    }
}
