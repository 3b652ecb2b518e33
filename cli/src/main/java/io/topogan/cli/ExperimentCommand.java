package io.topogan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topogan.cli.stack.LocalStack;
import io.topogan.events.EventJson;
import io.topogan.events.MetricComputed;
import io.topogan.events.RunConfig;
import io.topogan.storage.BlobStore;
import io.topogan.storage.StorageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a named set of training runs through the stack and compares their metrics. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run an experiment: start the local stack, submit every run of"
                + " experiments/NAME.json (or of a JSON file) to the trainer, follow each run"
                + " to its last result, and write a report folder that compares them:"
                + " series.csv, metrics.csv, plots/overview.png, plots/layers-LABEL.png,"
                + " summary.md and one report per run under runs/.",
            "--scale full applies each run's \"full\" settings (all images, more epochs and"
                + " samples) for a GPU machine."})
final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stackOptions;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "An experiment in the"
            + " project's experiments/ folder, or a JSON file.")
    String name;

    @Option(names = "--list", description = "List the experiments and their runs, and exit.")
    boolean list;

    @Option(names = "--scale", paramLabel = "SCALE", defaultValue = "cpu",
            description = "cpu or full (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--only", split = ",", paramLabel = "LABEL",
            description = "Run only these labels of the experiment.")
    List<String> only;

    @Option(names = "--report", paramLabel = "DIR", description = "Parent folder of the"
            + " experiment's report folder (default: reports).")
    Path reports = Path.of("reports");

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Minutes to wait for"
            + " each run and its results, counted from the end of the previous one"
            + " (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes = 120;

    @Option(names = "--keep-running", description = "Leave the stack running afterwards. A"
            + " stack that was running before the experiment is always left running.")
    boolean keepRunning;

    @Option(names = "--replot", paramLabel = "DIR", description = "Rewrite the comparison"
            + " files of an existing experiment report folder from its runs.json and"
            + " metrics.jsonl, without running anything.")
    Path replot;

    @Override
    public Integer call() throws Exception {
        Path root = StackOptions.projectRoot();
        if (replot != null) {
            return replot(replot);
        }
        if (list) {
            for (String known : Experiment.known(root)) {
                Experiment experiment = Experiment.read(Experiment.locate(known, root),
                        Experiment.Scale.CPU);
                System.out.println(known + ": " + experiment.description());
                for (Experiment.Run run : experiment.runs()) {
                    System.out.println("  " + run.label() + ": " + run.note());
                }
            }
            return 0;
        }
        if (name == null) {
            throw new ParameterException(spec.commandLine(), "Missing experiment NAME; known: "
                    + Experiment.known(root));
        }
        Experiment.Scale chosen = switch (scale) {
            case "cpu" -> Experiment.Scale.CPU;
            case "full" -> Experiment.Scale.FULL;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--scale': '" + scale + "'; expected cpu or full");
        };
        Experiment experiment = select(Experiment.read(Experiment.locate(name, root), chosen));

        LocalStack stack = stackOptions.stack();
        boolean wasRunning = !stack.status().isEmpty()
                && stack.status().stream().allMatch(LocalStack.ComponentStatus::ready);
        System.out.println("starting the local stack in " + stack.home());
        stack.up(line -> System.out.println("  " + line));
        try {
            return run(stack, experiment, chosen);
        } finally {
            if (keepRunning || wasRunning) {
                System.out.println("the stack keeps running; stop it with './topogan down'");
            } else {
                System.out.println("stopping the local stack");
                stack.down(line -> System.out.println("  " + line));
            }
        }
    }

    private Experiment select(Experiment experiment) {
        if (only == null || only.isEmpty()) {
            return experiment;
        }
        List<Experiment.Run> runs = new ArrayList<>();
        for (String label : only) {
            Experiment.Run run = experiment.runs().stream()
                    .filter(r -> r.label().equals(label)).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "Invalid value for option '--only': no run labelled '" + label
                                    + "' in " + experiment.name()));
            runs.add(run);
        }
        return new Experiment(experiment.name(), experiment.description(), runs);
    }

    private int run(LocalStack stack, Experiment experiment, Experiment.Scale chosen)
            throws Exception {
        long started = System.nanoTime();
        Path folder = reports.resolve(experiment.name()
                + (chosen == Experiment.Scale.FULL ? "-full" : ""));
        Files.createDirectories(folder);
        LocalStack.Credentials credentials = stack.credentials();
        GatewayClient gateway = new GatewayClient(stack.gatewayUrl(),
                credentials.gatewayToken());

        // The trainer works through its queue one run at a time, in this order.
        List<String> runIds = new ArrayList<>();
        for (Experiment.Run run : experiment.runs()) {
            String runId = gateway.startRun(run.config());
            runIds.add(runId);
            System.out.printf("queued %s as run %s: %s on %s, %d epochs, %d checkpoints%n",
                    run.label(), runId, run.config().model(), run.config().dataset(),
                    run.config().epochs(), run.config().checkpointCount());
        }
        List<ExperimentReport.RunResult> results = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (int i = 0; i < runIds.size(); i++) {
            states.add("QUEUED");
        }
        writeRuns(folder, experiment, chosen, runIds, states);

        BlobStore store = new BlobStore(StorageSettings.of(stack.s3Endpoint(),
                credentials.accessKey(), credentials.secretKey(), stack.bucket()));
        List<MetricComputed> allMetrics = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < runIds.size(); i++) {
            Experiment.Run run = experiment.runs().get(i);
            String runId = runIds.get(i);
            System.out.printf("%nfollowing %s (%d of %d): run %s%n", run.label(), i + 1,
                    runIds.size(), runId);
            RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId,
                    System.out).watch(Duration.ofMinutes(timeoutMinutes));
            new ReportWriter(store).write(folder.resolve("runs").resolve(run.label()), runId,
                    outcome);
            String state = outcome.status() == null ? "no status received"
                    : outcome.status().state() + " - " + outcome.status().message();
            if (!outcome.complete()) {
                complete = false;
                state += outcome.missing().isEmpty() ? "" : "; missing " + outcome.missing();
                System.err.println("run " + runId + " (" + run.label() + ") did not complete: "
                        + state);
            }
            states.set(i, state);
            allMetrics.addAll(outcome.metrics());
            results.add(new ExperimentReport.RunResult(run.label(), runId, run.note(),
                    run.config(), state, outcome.metrics()));
            writeRuns(folder, experiment, chosen, runIds, states);
            writeMetrics(folder, allMetrics);
            ExperimentReport.write(folder, experiment, results);
        }
        System.out.printf("%nexperiment %s finished in %.1f minutes%nreport: %s%n",
                experiment.name(), (System.nanoTime() - started) / 60e9,
                folder.toAbsolutePath());
        return complete ? 0 : 2;
    }

    /** Writes runs.json: the experiment, and per run its label, id, settings and state. */
    private static void writeRuns(Path folder, Experiment experiment, Experiment.Scale chosen,
            List<String> runIds, List<String> states) throws IOException {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("name", experiment.name());
        root.put("description", experiment.description());
        root.put("scale", chosen.name().toLowerCase(Locale.ROOT));
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < runIds.size(); i++) {
            Experiment.Run run = experiment.runs().get(i);
            ObjectNode node = runs.addObject();
            node.put("label", run.label());
            node.put("runId", runIds.get(i));
            node.put("note", run.note());
            node.put("state", states.get(i));
            node.set("config", EventJson.mapper().valueToTree(run.config()));
        }
        Files.writeString(folder.resolve("runs.json"), EventJson.mapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** Writes every result as one JSON event per line, and as metrics.csv. */
    private static void writeMetrics(Path folder, List<MetricComputed> metrics)
            throws IOException {
        StringBuilder lines = new StringBuilder();
        for (MetricComputed metric : metrics) {
            lines.append(EventJson.write(metric)).append('\n');
        }
        Files.writeString(folder.resolve("metrics.jsonl"), lines);
        Files.writeString(folder.resolve("metrics.csv"),
                io.topogan.events.MetricsCsv.write(metrics));
    }

    private static int replot(Path folder) throws IOException {
        Path runsFile = folder.resolve("runs.json");
        Path metricsFile = folder.resolve("metrics.jsonl");
        if (!Files.isRegularFile(runsFile) || !Files.isRegularFile(metricsFile)) {
            throw new IllegalArgumentException(folder + " is not an experiment report folder:"
                    + " it needs runs.json and metrics.jsonl");
        }
        JsonNode root = EventJson.mapper().readTree(Files.readString(runsFile));

        List<MetricComputed> metrics = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(metricsFile)) {
            lineNumber++;
            if (!line.isBlank()) {
                try {
                    metrics.add(EventJson.read(line, MetricComputed.class));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(metricsFile + ": line " + lineNumber
                            + ": " + e.getMessage());
                }
            }
        }

        var byRun = ExperimentReport.byRun(metrics);
        List<Experiment.Run> runs = new ArrayList<>();
        List<ExperimentReport.RunResult> results = new ArrayList<>();
        for (JsonNode run : root.path("runs")) {
            RunConfig config = EventJson.mapper().treeToValue(run.get("config"), RunConfig.class);
            String runId = run.path("runId").asText();
            runs.add(new Experiment.Run(run.path("label").asText(), run.path("note").asText(),
                    config));
            results.add(new ExperimentReport.RunResult(run.path("label").asText(), runId,
                    run.path("note").asText(), config, run.path("state").asText(),
                    byRun.getOrDefault(runId, List.of())));
        }
        Experiment experiment = new Experiment(root.path("name").asText(),
                root.path("description").asText(), runs);
        ExperimentReport.write(folder, experiment, results);
        System.out.println("rewrote the comparison files in " + folder);
        return 0;
    }
}
