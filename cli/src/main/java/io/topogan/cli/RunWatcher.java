package io.topogan.cli;

import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.InvalidEventException;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunStatus;
import io.topogan.events.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one run on Kafka, printing training progress and each metric as it arrives, until the
 * run has completed and every analyzer's result for every checkpoint is in. It reads the run's
 * status, checkpoint and metric events from the start of their topics, so it also works for a run
 * that started before it.
 */
public final class RunWatcher {

    /** Analyzers whose results the watcher waits for, with the clouds each one covers. */
    private static final List<String> CHECKPOINT_ANALYZERS =
            List.of("homology", "entropy", "id", "fid");

    private final String bootstrapServers;
    private final String runId;
    private final PrintStream out;

    private final Map<String, MetricComputed> metrics = new LinkedHashMap<>();
    private final Map<Integer, CheckpointReady> checkpoints = new LinkedHashMap<>();
    private final List<RunStatus> statuses = new ArrayList<>();
    private int checkpointEvents;
    private RunStatus lastStatus;

    public RunWatcher(String bootstrapServers, String runId, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.runId = runId;
        this.out = out;
    }

    /**
     * Outcome of watching a run.
     *
     * @param status the run's last status
     * @param checkpoints the latest checkpoint event of each epoch, in epoch order
     * @param metrics the latest result of each (epoch, analyzer, layer)
     * @param missing results still expected when the watch ended
     * @param statuses every status event, in order
     * @param checkpointEvents checkpoint events received, repeated ones included
     */
    public record Outcome(RunStatus status, List<CheckpointReady> checkpoints,
            List<MetricComputed> metrics, Set<String> missing, List<RunStatus> statuses,
            int checkpointEvents) {

        public boolean complete() {
            return status != null && status.state() == RunStatus.State.COMPLETED
                    && missing.isEmpty();
        }
    }

    /**
     * Watches until the run is complete with all results, the run fails, or {@code timeout}
     * passes.
     */
    public Outcome watch(Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "topogan-cli-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS, Topics.CHECKPOINTS, Topics.METRICS));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (runId.equals(record.key())) {
                        handle(record.topic(), record.value());
                    }
                }
                if (lastStatus != null && lastStatus.state() == RunStatus.State.FAILED) {
                    break;
                }
                if (lastStatus != null && lastStatus.state() == RunStatus.State.COMPLETED
                        && missing().isEmpty()) {
                    break;
                }
            }
        }
        List<CheckpointReady> ordered = new ArrayList<>(checkpoints.values());
        ordered.sort(java.util.Comparator.comparingInt(CheckpointReady::epoch));
        return new Outcome(lastStatus, ordered, new ArrayList<>(metrics.values()), missing(),
                List.copyOf(statuses), checkpointEvents);
    }

    /** Records one event of the run, given as the JSON value of a record on the topic. */
    void handle(String topic, String json) {
        try {
            switch (topic) {
                case Topics.RUNS -> onStatus(EventJson.read(json, RunStatus.class));
                case Topics.CHECKPOINTS -> onCheckpoint(EventJson.read(json, CheckpointReady.class));
                case Topics.METRICS -> onMetric(EventJson.read(json, MetricComputed.class));
                default -> { }
            }
        } catch (InvalidEventException e) {
            out.println("warning: skipped an invalid event on " + topic + ": " + e.getMessage());
        }
    }

    private void onStatus(RunStatus status) {
        lastStatus = status;
        statuses.add(status);
        String losses = status.discriminatorLoss() == null ? ""
                : String.format(Locale.ROOT, " d_loss=%.4f g_loss=%.4f %.0f img/s",
                        status.discriminatorLoss(), status.generatorLoss(),
                        status.imagesPerSecond());
        String epoch = status.epoch() < 0 ? "" : " epoch " + status.epoch() + "/"
                + (status.epochs() - 1);
        out.printf("[%s]%s%s %s%n", status.state().name().toLowerCase(Locale.ROOT), epoch, losses,
                status.message() == null ? "" : "- " + status.message());
    }

    private void onCheckpoint(CheckpointReady checkpoint) {
        checkpoints.put(checkpoint.epoch(), checkpoint);
        checkpointEvents++;
        out.printf("[checkpoint] epoch %d: %d samples, %d layers, grid %s%n", checkpoint.epoch(),
                checkpoint.samples().shape().isEmpty() ? 0 : checkpoint.samples().shape().get(0),
                checkpoint.layers().size(), checkpoint.grid().key());
    }

    private void onMetric(MetricComputed metric) {
        String key = metric.epoch() + "/" + metric.analyzer() + "/" + metric.layer();
        boolean first = metrics.put(key, metric) == null;
        if (first && (metric.layer().equals("samples") || metric.epoch() < 0)) {
            out.printf("[metric] epoch %s %s %s: %s%n",
                    metric.epoch() < 0 ? "-" : Integer.toString(metric.epoch()), metric.analyzer(),
                    metric.layer(), summary(metric));
        }
    }

    /** Formats the values worth a glance in a fixed order; the report contains all of them. */
    private static String summary(MetricComputed metric) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("fid", "fd_lenet", "mle", "inv_mle", "twonn", "h0.entropy", "h1.entropy",
                "h2.entropy", "h0.total_persistence", "h1.bars", "h1.total_persistence",
                "h2.bars", "h0.wasserstein_real", "h1.wasserstein_real",
                "h0.wasserstein_previous", "h1.wasserstein_previous")) {
            Double value = metric.values().get(name);
            if (value != null) {
                parts.add(name + "=" + String.format(Locale.ROOT, "%.4g", value));
            }
        }
        metric.undefined().forEach((name, reason) -> {
            if (!name.endsWith("_previous")) {
                parts.add(name + " undefined (" + reason + ")");
            }
        });
        return String.join(" ", parts);
    }

    /**
     * Results still expected: per checkpoint, each analyzer on the samples and, unless the
     * homology analyzer reported that it skips them, on every layer.
     */
    Set<String> missing() {
        Set<String> expected = new TreeSet<>();
        if (lastStatus == null || lastStatus.config() == null) {
            return Set.of("run status");
        }
        int checkpointCount = lastStatus.config().checkpointCount();
        if (checkpoints.size() < checkpointCount) {
            expected.add((checkpointCount - checkpoints.size()) + " checkpoint(s)");
        }
        for (CheckpointReady checkpoint : checkpoints.values()) {
            for (String analyzer : CHECKPOINT_ANALYZERS) {
                expected.add(checkpoint.epoch() + "/" + analyzer + "/samples");
            }
            MetricComputed homology = metrics.get(checkpoint.epoch() + "/homology/samples");
            if (homology != null
                    && homology.undefined().containsKey(MetricComputed.LAYERS_NOT_ANALYSED)) {
                continue;
            }
            for (var layer : checkpoint.layers()) {
                expected.add(checkpoint.epoch() + "/homology/" + layer.layerId());
                expected.add(checkpoint.epoch() + "/entropy/" + layer.layerId());
            }
        }
        if (!checkpoints.isEmpty()) {
            expected.addAll(List.of("-1/homology/real", "-1/homology/noise", "-1/entropy/real",
                    "-1/entropy/noise", "-1/id/real"));
        }
        expected.removeAll(metrics.keySet());
        return expected;
    }
}
