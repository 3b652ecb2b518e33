package io.topogan.homology;

import io.smallrye.common.annotation.Blocking;
import io.topogan.events.DiagramsReady;
import io.topogan.events.MetricComputed;
import io.topogan.events.Topics;
import io.topogan.service.ResultPublisher;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import io.topogan.topology.PersistenceDiagram;
import io.topogan.topology.PersistentEntropy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The entropy analyzer. For each {@link DiagramsReady} it reads the stored diagrams and publishes
 * the persistent entropy of each dimension as a {@link MetricComputed} with analyzer
 * {@code entropy}: {@code hK.entropy} normalised by log2 of the bar count (in [0, 1]) and
 * {@code hK.entropy_raw} in bits. Bars with infinite or zero length do not count.
 */
@ApplicationScoped
public class EntropyAnalyzer {

    static final String ANALYZER = "entropy";
    private static final String SERVICE = "homology-service";

    private final BlobStore store;
    private final ResultPublisher results;

    public EntropyAnalyzer(BlobStore store, ResultPublisher results) {
        this.store = store;
        this.results = results;
    }

    @Incoming("diagrams")
    @Blocking
    public void onDiagrams(String json) {
        results.analyseOrDeadLetter(SERVICE, Topics.DIAGRAMS, json, DiagramsReady.class,
                event -> "epoch " + event.epoch() + " layer " + event.layer(), this::analyse);
    }

    void analyse(DiagramsReady event) throws IOException {
        long start = System.nanoTime();
        String key = ObjectKeys.requireUnderRun(event.runId(), event.diagrams().key());
        List<PersistenceDiagram> diagrams = DiagramArrays.fromArray(store.getNpy(key),
                event.maxDimension());
        Map<String, Double> values = new LinkedHashMap<>();
        for (PersistenceDiagram diagram : diagrams) {
            String prefix = "h" + diagram.dimension() + ".";
            values.put(prefix + "entropy",
                    PersistentEntropy.of(diagram, PersistentEntropy.Normalization.POINTS));
            values.put(prefix + "entropy_raw",
                    PersistentEntropy.of(diagram, PersistentEntropy.Normalization.NONE));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        results.publish(new MetricComputed(1, event.runId(), event.epoch(), ANALYZER,
                event.layer(), values, Map.of(), millis, event.checkpointCreatedAt(),
                Instant.now()));
    }
}
