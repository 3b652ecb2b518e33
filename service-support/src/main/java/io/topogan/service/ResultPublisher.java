package io.topogan.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.DeadLetter;
import io.topogan.events.Event;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.MetricComputed;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Stores an analyzer's result under {@code results/{analyzer}/{layer}.json} of its epoch and then
 * publishes it on {@code topogan.metrics}; publishes unprocessable records on
 * {@code topogan.dead-letter} and counts them in {@code topogan_dead_letters_total{service}}.
 * A service that uses it configures the outgoing channels {@code metrics} and {@code dead-letter}.
 */
@ApplicationScoped
public class ResultPublisher {

    private final BlobStore store;
    private final Emitter<Record<String, String>> metrics;
    private final Emitter<Record<String, String>> deadLetters;
    private final MeterRegistry registry;

    public ResultPublisher(BlobStore store,
            @Channel("metrics") Emitter<Record<String, String>> metrics,
            @Channel("dead-letter") Emitter<Record<String, String>> deadLetters,
            MeterRegistry registry) {
        this.store = store;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /**
     * Stores the result, then publishes it and waits until the broker acknowledges it, so the
     * caller acknowledges its input only after its result is safe. The same result rewrites the
     * same object.
     */
    public void publish(MetricComputed result) {
        String json = EventJson.write(result);
        store.putText(ObjectKeys.result(result.runId(), result.epoch(), result.analyzer(),
                result.layer()), json, "application/json");
        awaitAcknowledged(metrics.send(Record.of(result.runId(), json)), "metric of run "
                + result.runId());
        Log.infof("metric computed run=%s epoch=%d analyzer=%s layer=%s in %d ms", result.runId(),
                result.epoch(), result.analyzer(), result.layer(), result.computeMillis());
    }

    /**
     * Publishes the stored result of (run, epoch, analyzer, layer) again, unchanged, and waits for
     * the broker's acknowledgement. Analyzers call it for a redelivered input whose result was
     * stored before a crash, because the crash may have come before the broker acknowledged it.
     *
     * @return false if no result is stored under that key
     */
    public boolean republishStored(String runId, int epoch, String analyzer, String layer) {
        String key = ObjectKeys.result(runId, epoch, analyzer, layer);
        if (!store.exists(key)) {
            return false;
        }
        String json = store.getText(key);
        awaitAcknowledged(metrics.send(Record.of(runId, json)), "stored metric of run " + runId);
        Log.infof("metric republished from storage run=%s epoch=%d analyzer=%s layer=%s", runId,
                epoch, analyzer, layer);
        return true;
    }

    /** Analysis of one event. It throws for input that it cannot process. */
    @FunctionalInterface
    public interface Analysis<E extends Event> {
        void analyse(E event) throws IOException;
    }

    /**
     * Parses a record's JSON and runs the analysis on the event. A record that is not a valid
     * event is dead-lettered, and so is an event whose analysis fails on its input with an
     * IOException, IllegalArgumentException or StorageException; that reason starts with
     * {@code context} of the event. Other exceptions propagate, so the record is not
     * acknowledged and comes again. One is the IllegalStateException of a send that the broker
     * did not acknowledge.
     */
    public <E extends Event> void analyseOrDeadLetter(String service, String topic, String json,
            Class<E> type, Function<E, String> context, Analysis<E> analysis) {
        E event;
        try {
            event = EventJson.read(json, type);
        } catch (InvalidEventException e) {
            deadLetter(null, service, topic, e.getMessage(), json);
            return;
        }
        try {
            analysis.analyse(event);
        } catch (IOException | IllegalArgumentException | StorageException e) {
            deadLetter(event.runId(), service, topic, context.apply(event) + ": "
                    + e.getMessage(), json);
        }
    }

    /** Publishes a record that cannot be processed, with the reason, and logs it. */
    public void deadLetter(String runId, String service, String topic, String reason,
            String payload) {
        String key = runId == null ? "unknown" : runId;
        Log.errorf("dead-lettered a record of run=%s from %s: %s", key, topic, reason);
        awaitAcknowledged(deadLetters.send(Record.of(key, EventJson.write(new DeadLetter(1, key,
                service, topic, reason, payload, Instant.now())))), "dead letter of run " + key);
        Counter.builder("topogan_dead_letters_total")
                .description("Records published on topogan.dead-letter, by service")
                .tag("service", service)
                .register(registry)
                .increment();
    }

    /**
     * Waits until the broker acknowledges a sent record.
     *
     * @throws IllegalStateException if the send failed or was not acknowledged within 2 minutes;
     *     the caller's input is then not acknowledged and will be redelivered
     */
    public static void awaitAcknowledged(CompletionStage<Void> sent, String what) {
        try {
            sent.toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing the " + what + " failed: " + e, e);
        }
    }
}
