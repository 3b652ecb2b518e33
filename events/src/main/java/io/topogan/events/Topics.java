package io.topogan.events;

import java.util.List;

/**
 * Kafka topic names of the pipeline. Every record on them is keyed by run id, so the events of one
 * run stay ordered within a partition.
 */
public final class Topics {

    /** {@link RunRequested} events: the gateway or the CLI asks a trainer to start a run. */
    public static final String RUN_REQUESTS = "topogan.run-requests";

    /** {@link CheckpointReady} events: a trainer stored the blobs of one selected epoch. */
    public static final String CHECKPOINTS = "topogan.checkpoints";

    /** {@link DiagramsReady} events: the homology analyzer stored the diagrams of one cloud. */
    public static final String DIAGRAMS = "topogan.diagrams";

    /** {@link MetricComputed} events: one analyzer's named values for one epoch and layer. */
    public static final String METRICS = "topogan.metrics";

    /** {@link RunStatus} events: lifecycle and training progress of each run. */
    public static final String RUNS = "topogan.runs";

    /** {@link DeadLetter} events: records that could not be processed, with the reason. */
    public static final String DEAD_LETTER = "topogan.dead-letter";

    /** All topics, in the order the local stack creates them. */
    public static final List<String> ALL =
            List.of(RUN_REQUESTS, CHECKPOINTS, DIAGRAMS, METRICS, RUNS, DEAD_LETTER);

    private Topics() {
    }
}
