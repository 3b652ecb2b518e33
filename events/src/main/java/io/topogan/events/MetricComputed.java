package io.topogan.events;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named values that one analyzer computed for one epoch and cloud; published on
 * {@link Topics#METRICS}. Under (run, epoch, analyzer, layer) a redelivered checkpoint produces an
 * equal event, apart from the timing fields.
 *
 * @param schemaVersion version of this event's JSON form
 * @param runId id of the run
 * @param epoch checkpoint epoch, or -1 for values of the real data or the input noise
 * @param analyzer analyzer id: {@code homology}, {@code entropy}, {@code fid} or {@code id}
 * @param layer cloud id: {@code samples}, {@code real}, {@code noise} or a generator layer id
 * @param values finite named values, such as {@code h1.total_persistence}
 * @param undefined names of values that could not be computed, each with the reason
 * @param computeMillis wall time of the computation in milliseconds
 * @param checkpointCreatedAt when the checkpoint was published, for latency measurements
 * @param createdAt when the values were published
 */
public record MetricComputed(
        int schemaVersion,
        String runId,
        int epoch,
        String analyzer,
        String layer,
        Map<String, Double> values,
        Map<String, String> undefined,
        long computeMillis,
        Instant checkpointCreatedAt,
        Instant createdAt) implements Event {

    /**
     * Key in {@code undefined} of the homology analyzer's result for a checkpoint's samples when
     * that analyzer does not analyse generator layers. No homology or entropy result of that
     * checkpoint's layers follows.
     */
    public static final String LAYERS_NOT_ANALYSED = "layers";

    public MetricComputed {
        values = values == null ? Map.of() : new TreeMap<>(values);
        undefined = undefined == null ? Map.of() : new TreeMap<>(undefined);
        for (var entry : values.entrySet()) {
            if (entry.getValue() == null || !Double.isFinite(entry.getValue())) {
                throw new IllegalArgumentException("metric " + entry.getKey()
                        + " must be finite, got " + entry.getValue()
                        + "; report it under 'undefined' with a reason");
            }
        }
    }
}
