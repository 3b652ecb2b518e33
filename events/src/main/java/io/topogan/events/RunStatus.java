package io.topogan.events;

import java.time.Instant;

/**
 * Lifecycle and progress of a run, published on {@link Topics#RUNS} by the trainer (and by the
 * gateway when it accepts a request).
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId id of the run
 * @param state the run's state after this event
 * @param epoch last completed epoch, or -1 before the first
 * @param epochs epochs the run trains in all
 * @param discriminatorLoss mean discriminator loss of the last epoch; null before the first epoch
 *     or when the loss was not finite (the message then names the epoch)
 * @param generatorLoss mean generator loss of the last epoch; null as above
 * @param imagesPerSecond training throughput of the last epoch; null before the first epoch
 * @param message human-readable detail, such as the error of a failed run
 * @param config settings of the run
 * @param createdAt when the event was published
 */
public record RunStatus(
        int schemaVersion,
        String runId,
        State state,
        int epoch,
        int epochs,
        Double discriminatorLoss,
        Double generatorLoss,
        Double imagesPerSecond,
        String message,
        RunConfig config,
        Instant createdAt) implements Event {

    /** States of a run. */
    public enum State {
        /** Accepted by the gateway, not yet picked up by a trainer. */
        REQUESTED,
        /** A trainer is training it. */
        RUNNING,
        /** Training finished and the last checkpoint was published. */
        COMPLETED,
        /** Stopped by a user. */
        STOPPED,
        /** Failed. The message contains the reason. */
        FAILED
    }
}
