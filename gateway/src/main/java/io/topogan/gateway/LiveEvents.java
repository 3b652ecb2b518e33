package io.topogan.gateway;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.topogan.events.Event;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/**
 * Broadcasts the events the gateway consumes to server-sent-event subscribers. Each SSE event is
 * named {@code metric} (a {@code MetricComputed}) or {@code status} (a {@code RunStatus}, which
 * carries the training losses) and its data is the event's JSON. Only events that arrive after a
 * client subscribed are sent; clients read the history over the REST endpoints first.
 */
@ApplicationScoped
public class LiveEvents {

    /** Events buffered per subscriber before a slow one is dropped; browsers then reconnect. */
    static final int SUBSCRIBER_BUFFER = 4096;

    /** Interval of the comment lines that keep idle connections open through proxies. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final BroadcastProcessor<Event> processor = BroadcastProcessor.create();

    /** Sends {@code event} to every subscriber; safe to call from several threads. */
    public synchronized void publish(Event event) {
        processor.onNext(event);
    }

    /** Returns the stream of one run's events, or of every run when {@code runId} is null. */
    public Multi<OutboundSseEvent> stream(Sse sse, String runId) {
        Multi<OutboundSseEvent> events = processor
                .onOverflow().buffer(SUBSCRIBER_BUFFER)
                .filter(event -> runId == null || runId.equals(event.runId()))
                .map(event -> sse.newEventBuilder()
                        .name(event instanceof MetricComputed ? "metric" : "status")
                        .mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(String.class, EventJson.write(event))
                        .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, keepAlive);
    }
}
