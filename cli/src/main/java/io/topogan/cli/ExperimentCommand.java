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
            if (name != null || list || only != null
                    || spec.commandLine().getParseResult().hasMatchedOption("--scale")) {
                throw new ParameterException(spec.commandLine(), "Option '--replot' takes no"
                        + " NAME, --list, --only or --scale: it redraws an existing report");
            }
            return replot(replot);
        }
        if (list) {
            return list(root);
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
        if (timeoutMinutes < 1 || timeoutMinutes > 100_000) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option"
                    + " '--timeout': " + timeoutMinutes + "; expected 1 to 100000 minutes");
        }
        Experiment experiment = select(Experiment.read(Experiment.locate(name, root), chosen));
        // Fail on an unusable report folder before the stack starts.
        try {
            Files.createDirectories(reportFolder(experiment, chosen));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("cannot create the report folder "
                    + reportFolder(experiment, chosen) + ": a file of that name exists");
        }

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

    /** Prints every experiment with its runs; a broken file is reported and the rest listed. */
    private static int list(Path root) throws IOException {
        int broken = 0;
        for (String known : Experiment.known(root)) {
            Experiment experiment;
            try {
                experiment = Experiment.read(Experiment.locate(known, root),
                        Experiment.Scale.CPU);
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("invalid experiment " + known + ": " + e.getMessage());
                broken++;
                continue;
            }
            System.out.println(known + ": " + experiment.description());
            for (Experiment.Run run : experiment.runs()) {
                System.out.println("  " + run.label() + ": " + run.note());
            }
        }
        return broken == 0 ? 0 : 1;
    }

    private Path reportFolder(Experiment experiment, Experiment.Scale chosen) {
        String suffix = chosen == Experiment.Scale.FULL ? "-full" : "";
        return reports.resolve(experiment.name() + suffix);
    }

    private Experiment select(Experiment experiment) {
        if (only == null) {
            return experiment;
        }
        if (only.isEmpty() || only.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--only':"
                    + " give one or more run labels of " + experiment.name());
        }
        if (new java.util.HashSet<>(only).size() != only.size()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--only':"
                    + " a label is given twice: " + only);
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
        Path folder = reportFolder(experiment, chosen);
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
        JsonNode root;
        List<String> lines;
        try {
            root = EventJson.mapper().readTree(Files.readString(runsFile));
            lines = Files.readAllLines(metricsFile);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(folder + ": runs.json and metrics.jsonl must be"
                    + " UTF-8 text");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(runsFile + ": invalid JSON: "
                    + e.getOriginalMessage());
        }
        JsonNode runNodes = root == null ? null : root.get("runs");
        if (runNodes == null || !runNodes.isArray() || runNodes.isEmpty()) {
            throw new IllegalArgumentException(runsFile + ": needs a non-empty \"runs\" list");
        }

        List<MetricComputed> metrics = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines) {
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
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (int i = 0; i < runNodes.size(); i++) {
            JsonNode run = runNodes.get(i);
            String where = runsFile + ": runs[" + i + "]";
            String label = run.path("label").asText("");
            String runId = run.path("runId").asText("");
            if (!Experiment.LABEL.matcher(label).matches() || !labels.add(label)) {
                throw new IllegalArgumentException(where + ": label must be unique and 1 to 31"
                        + " lower-case letters, digits or '-', got " + run.get("label"));
            }
            if (!RunConfig.isValidRunId(runId)) {
                throw new IllegalArgumentException(where + ": invalid runId " + run.get("runId"));
            }
            RunConfig config;
            try {
                config = run.get("config") == null ? null
                        : EventJson.mapper().treeToValue(run.get("config"), RunConfig.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                config = null;
            }
            if (config == null) {
                throw new IllegalArgumentException(where + ": missing or invalid config");
            }
            runs.add(new Experiment.Run(label, run.path("note").asText(), config));
            results.add(new ExperimentReport.RunResult(label, runId, run.path("note").asText(),
                    config, run.path("state").asText(), byRun.getOrDefault(runId, List.of())));
            byRun.remove(runId);
        }
        if (!byRun.isEmpty()) {
            System.err.println("warning: " + metricsFile + " has results of runs that runs.json"
                    + " does not list, left out: " + byRun.keySet());
        }
        Experiment experiment = new Experiment(root.path("name").asText(),
                root.path("description").asText(), runs);
        ExperimentReport.write(folder, experiment, results);
        System.out.println("rewrote the comparison files in " + folder);
        return 0;
    }
}
