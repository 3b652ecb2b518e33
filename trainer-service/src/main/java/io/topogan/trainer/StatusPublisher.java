package io.topogan.trainer;

import io.smallrye.reactive.messaging.kafka.Record;
import io.topogan.events.EventJson;
import io.topogan.events.RunConfig;
import io.topogan.events.RunStatus;
import io.topogan.gan.EpochStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes {@link RunStatus} events on {@code topogan.runs}, keyed by run id. */
@ApplicationScoped
public class StatusPublisher {

    private final Emitter<Record<String, String>> emitter;

    public StatusPublisher(@Channel("run-status") Emitter<Record<String, String>> emitter) {
        this.emitter = emitter;
    }

    void publish(String runId, RunStatus.State state, int epoch, RunConfig config,
            EpochStats stats, String message) {
        Double discriminatorLoss = stats == null ? null : finite(stats.discriminatorLoss());
        Double generatorLoss = stats == null ? null : finite(stats.generatorLoss());
        Double throughput = stats == null ? null : finite(stats.imagesPerSecond());
        RunStatus status = new RunStatus(1, runId, state, epoch,
                config == null ? 0 : config.epochs(), discriminatorLoss, generatorLoss,
                throughput, message, config, Instant.now());
        emitter.send(Record.of(runId, EventJson.write(status)));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
