package io.topogan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.topogan.events.BlobRef;
import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.LayerBlob;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import io.topogan.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which results the watcher still waits for, fed with events as the topics carry them. */
class RunWatcherTest {

    private static final String RUN = "watched-run";

    @Test
    void layerResultsExpectedByDefault() {
        RunWatcher watcher = watcherWithSampleResults(Map.of());

        assertEquals(Set.of("0/entropy/00-linear", "0/entropy/01-relu", "0/homology/00-linear",
                "0/homology/01-relu"), watcher.missing());
    }

    @Test
    void skippedLayersNotExpected() {
        RunWatcher watcher = watcherWithSampleResults(Map.of(
                MetricComputed.LAYERS_NOT_ANALYSED, "generator layers are not analysed"));

        assertEquals(Set.of(), watcher.missing());
    }

    @Test
    void layerResultsCompleteTheRun() {
        RunWatcher watcher = watcherWithSampleResults(Map.of());
        for (String analyzer : List.of("homology", "entropy")) {
            for (String layer : List.of("00-linear", "01-relu")) {
                metric(watcher, 0, analyzer, layer, Map.of());
            }
        }

        assertEquals(Set.of(), watcher.missing());
    }

    /**
     * Returns a watcher that has seen a completed one-checkpoint run with two layers and every
     * result except those of the layers. The homology result of the samples carries the given
     * undefined values.
     */
    private static RunWatcher watcherWithSampleResults(Map<String, String> homologyUndefined) {
        RunWatcher watcher = new RunWatcher("unused:9092", RUN,
                new PrintStream(new ByteArrayOutputStream()));
        RunConfig config = new RunConfig("gan", "fashion-mnist", List.of(), 1, 2000, 1, 32, 1,
                500, 16, 500, 100, 1234L);
        watcher.handle(Topics.RUNS, EventJson.write(new RunStatus(1, RUN,
                RunStatus.State.COMPLETED, 0, 1, null, null, null, null, config, Instant.now())));
        BlobRef blob = new BlobRef("runs/" + RUN + "/blob.npy", List.of(16, 4), "<f4");
        watcher.handle(Topics.CHECKPOINTS, EventJson.write(new CheckpointReady(1, RUN, 0, -1,
                true, "gan", "fashion-mnist", List.of(), 100, blob, blob,
                List.of(new LayerBlob(0, "linear", blob), new LayerBlob(1, "relu", blob)), blob,
                blob, blob, blob, 0.5, 0.7, Instant.now())));
        metric(watcher, 0, "homology", "samples", homologyUndefined);
        for (String analyzer : List.of("entropy", "id", "fid")) {
            metric(watcher, 0, analyzer, "samples", Map.of());
        }
        for (String cloud : List.of("real", "noise")) {
            metric(watcher, -1, "homology", cloud, Map.of());
            metric(watcher, -1, "entropy", cloud, Map.of());
        }
        metric(watcher, -1, "id", "real", Map.of());
        return watcher;
    }

    private static void metric(RunWatcher watcher, int epoch, String analyzer, String layer,
            Map<String, String> undefined) {
        watcher.handle(Topics.METRICS, EventJson.write(new MetricComputed(1, RUN, epoch, analyzer,
                layer, Map.of("h0.bars", 3.0), undefined, 5, Instant.now(), Instant.now())));
    }
}
