package io.topogan.cli;

import io.topogan.cli.stack.LocalStack;
import io.topogan.events.RunConfig;
import io.topogan.storage.BlobStore;
import io.topogan.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts a training run on the running local stack and follows it to the end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a training run on the running local stack, show"
        + " its progress and metrics as they arrive, and write a report folder.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--report", paramLabel = "DIR", description = "Parent folder of the run's"
            + " report folder (default: reports).")
    Path reports = Path.of("reports");

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Minutes to wait for the"
            + " run and its results (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes = 60;

    @Override
    public Integer call() throws Exception {
        return start(stackOptions.stack(), runOptions.toConfig(), reports,
                Duration.ofMinutes(timeoutMinutes));
    }

    /** Starts the run, watches it and writes its report; exit code 0 only if it is complete. */
    static int start(LocalStack stack, RunConfig config, Path reports, Duration timeout)
            throws Exception {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid run settings: "
                    + String.join("; ", problems));
        }
        LocalStack.Credentials credentials = stack.credentials();
        String runId = new GatewayClient(stack.gatewayUrl(), credentials.gatewayToken())
                .startRun(config);
        System.out.println("started run " + runId + ": " + config.model() + " on "
                + config.dataset() + ", " + config.epochs() + " epochs, "
                + config.checkpointCount() + " checkpoints");

        RunWatcher.Outcome outcome = new RunWatcher(stack.bootstrapServers(), runId, System.out)
                .watch(timeout);

        BlobStore store = new BlobStore(StorageSettings.of(stack.s3Endpoint(),
                credentials.accessKey(), credentials.secretKey(), stack.bucket()));
        Path folder = new ReportWriter(store).write(reports.resolve(runId), runId, outcome);
        System.out.println();
        System.out.print(java.nio.file.Files.readString(folder.resolve("summary.txt")));
        System.out.println("report: " + folder.toAbsolutePath());
        if (!outcome.complete()) {
            System.err.println("run " + runId + " did not complete: "
                    + (outcome.status() == null ? "no status received"
                            : outcome.status().state() + " - " + outcome.status().message())
                    + (outcome.missing().isEmpty() ? "" : "; missing " + outcome.missing()));
            return 2;
        }
        return 0;
    }
}
