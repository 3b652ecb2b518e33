package io.topogan.cli;

import io.topogan.events.CheckpointReady;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.MetricsCsv;
import io.topogan.events.RunStatus;
import io.topogan.formats.DatasetSummary;
import io.topogan.storage.BlobStore;
import io.topogan.storage.ObjectKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's report folder: {@code metrics.csv} (every result, one column per value),
 * {@code config.json}, {@code grids/epoch-E.png} per checkpoint, {@code diagrams/} with every
 * stored persistence diagram as {@code .npy} (rows: dimension, birth, death), the trainer's
 * {@code dataset.json} (images loaded per class, unreadable files skipped) when the run has one,
 * and a short {@code summary.txt}.
 */
final class ReportWriter {

    private final BlobStore store;

    ReportWriter(BlobStore store) {
        this.store = store;
    }

    Path write(Path folder, String runId, RunWatcher.Outcome outcome) throws IOException {
        Files.createDirectories(folder.resolve("grids"));
        Files.createDirectories(folder.resolve("diagrams"));
        Files.writeString(folder.resolve("metrics.csv"), MetricsCsv.write(outcome.metrics()));
        Files.write(folder.resolve("config.json"), store.get(ObjectKeys.config(runId)));
        for (CheckpointReady checkpoint : outcome.checkpoints()) {
            Files.write(folder.resolve("grids/epoch-" + checkpoint.epoch() + ".png"),
                    store.get(checkpoint.grid().key()));
        }
        String prefix = ObjectKeys.run(runId);
        for (String key : store.list(prefix)) {
            if (key.contains("/diagrams/")) {
                String name = key.substring(prefix.length()).replace("/diagrams/", "-")
                        .replace('/', '-');
                Files.write(folder.resolve("diagrams").resolve(name), store.get(key));
            }
        }
        String datasetLine = copyDatasetSummary(folder, runId);
        Files.writeString(folder.resolve("summary.txt"), summary(runId, outcome, datasetLine));
        return folder;
    }

    /**
     * Copies the run's {@code dataset.json} and returns its summary.txt line, or null for runs
     * trained before the trainer stored it.
     */
    private String copyDatasetSummary(Path folder, String runId) throws IOException {
        String key = ObjectKeys.datasetSummary(runId);
        if (!store.exists(key)) {
            return null;
        }
        byte[] json = store.get(key);
        Files.write(folder.resolve("dataset.json"), json);
        try {
            return "dataset: " + EventJson.mapper().readValue(json, DatasetSummary.class)
                    .describe();
        } catch (IOException e) {
            return "dataset: invalid " + key + " (" + e.getMessage() + ")";
        }
    }

    private static String summary(String runId, RunWatcher.Outcome outcome, String datasetLine) {
        List<String> lines = new ArrayList<>();
        RunStatus status = outcome.status();
        lines.add("run " + runId + ": " + (status == null ? "no status"
                : status.state() + " - " + status.message()));
        if (status != null && status.config() != null) {
            lines.add("settings: " + status.config());
        }
        if (datasetLine != null) {
            lines.add(datasetLine);
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-6s %-10s %-10s %-10s %-10s %-10s %-10s", "epoch",
                "h0.entr", "h1.entr", "h1.bars", "h0.W_real", "h1.W_real", "id.mle"));
        for (CheckpointReady checkpoint : outcome.checkpoints()) {
            int epoch = checkpoint.epoch();
            lines.add(String.format(Locale.ROOT, "%-6d %-10s %-10s %-10s %-10s %-10s %-10s", epoch,
                    value(outcome, epoch, "entropy", "h0.entropy"),
                    value(outcome, epoch, "entropy", "h1.entropy"),
                    value(outcome, epoch, "homology", "h1.bars"),
                    value(outcome, epoch, "homology", "h0.wasserstein_real"),
                    value(outcome, epoch, "homology", "h1.wasserstein_real"),
                    value(outcome, epoch, "id", "mle")));
        }
        lines.add(String.format(Locale.ROOT, "%-6s %-10s %-10s %-10s %-10s %-10s %-10s", "real",
                value(outcome, -1, "entropy", "h0.entropy"),
                value(outcome, -1, "entropy", "h1.entropy"),
                value(outcome, -1, "homology", "h1.bars"), "0", "0",
                value(outcome, -1, "id", "mle")));
        if (!outcome.missing().isEmpty()) {
            lines.add("");
            lines.add("missing results: " + outcome.missing());
        }
        return String.join("\n", lines) + "\n";
    }

    private static String value(RunWatcher.Outcome outcome, int epoch, String analyzer,
            String name) {
        String layer = epoch < 0 ? "real" : "samples";
        for (MetricComputed metric : outcome.metrics()) {
            if (metric.epoch() == epoch && metric.analyzer().equals(analyzer)
                    && metric.layer().equals(layer) && metric.values().containsKey(name)) {
                return String.format(Locale.ROOT, "%.4g", metric.values().get(name));
            }
        }
        return "-";
    }
}
