package io.topogan.cli;

import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the comparison of an experiment's runs: {@code series.csv} with the main values per run
 * and epoch, {@code plots/overview.png} with one line per run, {@code plots/layers-LABEL.png} with
 * the persistent entropy of every generator layer per epoch, and {@code summary.md}.
 */
final class ExperimentReport {

    /**
     * Results of one run.
     *
     * @param label the run's label in the experiment
     * @param runId the run's id
     * @param note what the run is meant to show
     * @param config its settings
     * @param state its final state and message, as the trainer reported it
     * @param metrics every result of the run
     */
    record RunResult(String label, String runId, String note, RunConfig config, String state,
            List<MetricComputed> metrics) {
    }

    /** A value the report follows over the epochs. */
    private record Column(String header, String analyzer, String layer, String name,
            String title) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("h0_entropy", "entropy", "samples", "h0.entropy",
                    "H0 persistent entropy of the samples"),
            new Column("h1_entropy", "entropy", "samples", "h1.entropy",
                    "H1 persistent entropy of the samples"),
            new Column("h0_wasserstein_real", "homology", "samples", "h0.wasserstein_real",
                    "H0 Wasserstein distance to the real data"),
            new Column("h1_wasserstein_real", "homology", "samples", "h1.wasserstein_real",
                    "H1 Wasserstein distance to the real data"),
            new Column("frechet", "fid", "samples", null, null),
            new Column("id_mle", "id", "samples", "mle",
                    "Intrinsic dimension (Levina-Bickel MLE)"),
            new Column("h1_bars", "homology", "samples", "h1.bars",
                    "H1 bars of the samples (after greedy subsampling)"),
            new Column("distinct_samples", "id", "samples", "distinct_points",
                    "Distinct samples (exact duplicates removed)"),
            new Column("h0_wasserstein_previous", "homology", "samples",
                    "h0.wasserstein_previous", null),
            new Column("id_inv_mle", "id", "samples", "inv_mle", null),
            new Column("duplicates_removed", "id", "samples", "duplicates_removed", null));

    private ExperimentReport() {
    }

    /** Writes the comparison files into {@code folder}. */
    static void write(Path folder, Experiment experiment, List<RunResult> runs)
            throws IOException {
        Files.createDirectories(folder.resolve("plots"));
        String frechet = frechetName(runs);
        Files.writeString(folder.resolve("series.csv"), seriesCsv(runs, frechet));
        writeOverview(folder.resolve("plots/overview.png"), runs, frechet);
        for (RunResult run : runs) {
            writeLayers(folder.resolve("plots/layers-" + run.label() + ".png"), run);
        }
        Files.writeString(folder.resolve("summary.md"), summary(experiment, runs, frechet));
    }

    /** Returns {@code fid} when any run has a true FID, else the fallback's name. */
    private static String frechetName(List<RunResult> runs) {
        String found = null;
        for (RunResult run : runs) {
            for (MetricComputed metric : run.metrics()) {
                if (metric.analyzer().equals("fid")) {
                    if (metric.values().containsKey("fid")) {
                        return "fid";
                    }
                    for (String name : metric.values().keySet()) {
                        if (name.startsWith("fd_")) {
                            found = name;
                        }
                    }
                }
            }
        }
        return found == null ? "fid" : found;
    }

    private static String seriesCsv(List<RunResult> runs, String frechet) {
        StringBuilder csv = new StringBuilder("label,run,epoch");
        for (Column column : COLUMNS) {
            csv.append(',').append(column.name() == null ? frechet : column.header());
        }
        csv.append('\n');
        for (RunResult run : runs) {
            for (int epoch : epochs(run)) {
                csv.append(run.label()).append(',').append(run.runId()).append(',').append(epoch);
                for (Column column : COLUMNS) {
                    double value = value(run, epoch, column, frechet);
                    csv.append(',').append(Double.isNaN(value) ? ""
                            : String.format(Locale.ROOT, "%.6g", value));
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    private static void writeOverview(Path file, List<RunResult> runs, String frechet)
            throws IOException {
        List<Charts.Panel> panels = new ArrayList<>();
        for (Column column : COLUMNS.subList(0, 8)) {
            String title = column.title() != null ? column.title()
                    : frechet.equals("fid") ? "FID (Inception-v3 features)"
                            : "Frechet distance, " + frechet + " (fallback, not FID)";
            List<Charts.Series> series = new ArrayList<>();
            List<Charts.Series> realLines = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                RunResult run = runs.get(r);
                List<Integer> epochs = epochs(run);
                double[] xs = new double[epochs.size()];
                double[] ys = new double[epochs.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = epochs.get(i);
                    ys[i] = value(run, epochs.get(i), column, frechet);
                }
                Color color = Charts.COLORS[r % Charts.COLORS.length];
                series.add(new Charts.Series(run.label(), xs, ys, false, color));
                double real = value(run, -1, column, frechet);
                if (!Double.isNaN(real) && xs.length > 0) {
                    realLines.add(new Charts.Series(run.label() + ": real data",
                            new double[] {xs[0], xs[xs.length - 1]}, new double[] {real, real},
                            true, color));
                }
            }
            series.addAll(sameLevel(realLines) ? merge(realLines) : realLines);
            panels.add(new Charts.Panel(title, "epoch", series));
        }
        Charts.writePanels(file, panels, 2, 620, 330);
    }

    /** Returns whether the reference lines all lie at one level, as they do for one dataset. */
    private static boolean sameLevel(List<Charts.Series> lines) {
        for (Charts.Series line : lines) {
            if (Math.abs(line.ys()[0] - lines.get(0).ys()[0])
                    > 1e-9 * Math.max(1, Math.abs(line.ys()[0]))) {
                return false;
            }
        }
        return true;
    }

    /** Replaces reference lines at one level by one grey line across all their epochs. */
    private static List<Charts.Series> merge(List<Charts.Series> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (Charts.Series line : lines) {
            from = Math.min(from, line.xs()[0]);
            to = Math.max(to, line.xs()[1]);
        }
        double level = lines.get(0).ys()[0];
        return List.of(new Charts.Series("real data", new double[] {from, to},
                new double[] {level, level}, true, Color.GRAY));
    }

    private static void writeLayers(Path file, RunResult run) throws IOException {
        TreeSet<String> layers = new TreeSet<>();
        for (MetricComputed metric : run.metrics()) {
            if (metric.analyzer().equals("entropy") && metric.epoch() >= 0) {
                layers.add(metric.layer());
            }
        }
        // Layers in generator order, the samples last.
        List<String> rows = new ArrayList<>(layers);
        if (rows.remove("samples")) {
            rows.add("samples");
        }
        List<Integer> epochs = epochs(run);
        double[] columns = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
        List<Charts.HeatMap> maps = new ArrayList<>();
        for (int dim = 0; dim <= 1; dim++) {
            double[][] values = new double[rows.size()][epochs.size()];
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < epochs.size(); c++) {
                    values[r][c] = find(run, epochs.get(c), "entropy", rows.get(r),
                            "h" + dim + ".entropy");
                }
            }
            maps.add(new Charts.HeatMap(run.label() + ": H" + dim + " persistent entropy by layer",
                    rows.toArray(new String[0]), columns, values));
        }
        Charts.writeHeatMaps(file, maps, 600, 60 + 26 * Math.max(4, rows.size()) + 40);
    }

    private static String summary(Experiment experiment, List<RunResult> runs, String frechet) {
        StringBuilder text = new StringBuilder("# Experiment " + experiment.name() + "\n\n");
        if (!experiment.description().isEmpty()) {
            text.append(experiment.description()).append("\n\n");
        }
        for (RunResult run : runs) {
            RunConfig c = run.config();
            text.append("## ").append(run.label()).append(": ").append(run.runId())
                    .append("\n\n");
            if (!run.note().isEmpty()) {
                text.append(run.note()).append(". ");
            }
            text.append(String.format(Locale.ROOT, "%s on %s classes %s, %d channel(s), %s"
                    + " training images, %d epochs, batch %d, learning rate %s, %d samples per"
                    + " checkpoint, n_perm %d, seed %d. Final state: %s.%n%n", c.model(),
                    c.dataset(), c.classes().isEmpty() ? "all" : c.classes(), c.channels(),
                    c.trainingImages() == 0 ? "all" : String.valueOf(c.trainingImages()),
                    c.epochs(), c.batchSize(),
                    c.learningRate() > 0 ? String.valueOf(c.learningRate()) : "2e-4",
                    c.samplesPerCheckpoint(), c.nPerm(), c.seed(), run.state()));
            text.append("| epoch | H0 entropy | H1 entropy | H0 W to real | H1 W to real | ")
                    .append(frechet).append(" | ID (MLE) | distinct samples |\n");
            text.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            List<Integer> epochs = new ArrayList<>(epochs(run));
            epochs.add(-1);
            for (int epoch : epochs) {
                text.append("| ").append(epoch < 0 ? "real" : String.valueOf(epoch));
                for (int i : new int[] {0, 1, 2, 3, 4, 5, 7}) {
                    double value = value(run, epoch, COLUMNS.get(i), frechet);
                    text.append(" | ").append(Double.isNaN(value) ? "-"
                            : String.format(Locale.ROOT, "%.4g", value));
                }
                text.append(" |\n");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Checkpoint epochs of a run with any result, in order. */
    private static List<Integer> epochs(RunResult run) {
        TreeSet<Integer> epochs = new TreeSet<>();
        for (MetricComputed metric : run.metrics()) {
            if (metric.epoch() >= 0) {
                epochs.add(metric.epoch());
            }
        }
        return new ArrayList<>(epochs);
    }

    private static double value(RunResult run, int epoch, Column column, String frechet) {
        return find(run, epoch, column.analyzer(), epoch < 0 ? "real" : column.layer(),
                column.name() == null ? frechet : column.name());
    }

    private static double find(RunResult run, int epoch, String analyzer, String layer,
            String name) {
        for (MetricComputed metric : run.metrics()) {
            if (metric.epoch() == epoch && metric.analyzer().equals(analyzer)
                    && metric.layer().equals(layer)) {
                Double value = metric.values().get(name);
                if (value != null) {
                    return value;
                }
            }
        }
        return Double.NaN;
    }

    /** Groups results by run id, for a reader of the combined event file. */
    static Map<String, List<MetricComputed>> byRun(List<MetricComputed> metrics) {
        Map<String, List<MetricComputed>> grouped = new TreeMap<>();
        for (MetricComputed metric : metrics) {
            grouped.computeIfAbsent(metric.runId(), id -> new ArrayList<>()).add(metric);
        }
        return grouped;
    }
}
