package io.topogan.events;

/** An event of the pipeline. Its record key is {@link #runId()}. */
public sealed interface Event
        permits RunRequested, CheckpointReady, DiagramsReady, MetricComputed, RunStatus, DeadLetter {

    /** Schema version that this code writes and the highest it reads. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();

    String runId();
}
