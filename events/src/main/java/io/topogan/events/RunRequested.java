package io.topogan.events;

import java.time.Instant;

/**
 * A request to train one GAN, published on {@link Topics#RUN_REQUESTS} and consumed by a trainer.
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId id of the run, also the record key and the object-key prefix {@code runs/{runId}/}
 * @param config settings of the run
 * @param requestedAt when the request was made
 */
public record RunRequested(int schemaVersion, String runId, RunConfig config, Instant requestedAt)
        implements Event {

    public RunRequested(String runId, RunConfig config, Instant requestedAt) {
        this(SCHEMA_VERSION, runId, config, requestedAt);
    }
}
