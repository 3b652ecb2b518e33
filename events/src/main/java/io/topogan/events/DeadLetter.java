package io.topogan.events;

import java.time.Instant;

/**
 * A record that a service could not process, published on {@link Topics#DEAD_LETTER} so that it is
 * neither lost nor retried forever.
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId run id of the record, or {@code unknown} when it could not be read
 * @param service the service that rejected it
 * @param topic topic the record came from
 * @param reason why it could not be processed
 * @param payload the record's value as received, cut to at most 64 KiB
 * @param createdAt when it was rejected
 */
public record DeadLetter(
        int schemaVersion,
        String runId,
        String service,
        String topic,
        String reason,
        String payload,
        Instant createdAt) implements Event {

    /** Largest payload kept, in characters. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    public DeadLetter {
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD);
        }
    }
}
