package io.topogan.cli;

import io.topogan.cli.stack.LocalStack;
import io.topogan.events.RunConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the local stack, trains a small DCGAN on real Fashion-MNIST, reports, and stops. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local stack, train a small DCGAN on the bundled"
        + " Fashion-MNIST images on the CPU while the analyzers compute topology, intrinsic"
        + " dimension and entropy per checkpoint, write a report folder, and stop the stack.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--report", paramLabel = "DIR", description = "Parent folder of the run's"
            + " report folder (default: reports).")
    Path reports = Path.of("reports");

    @Option(names = "--keep-running", description = "Leave the stack running afterwards, for"
            + " the dashboard and more runs.")
    boolean keepRunning;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Minutes to wait for the"
            + " run and its results (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes = 30;

    @Override
    public Integer call() throws Exception {
        RunConfig config = runOptions.toConfig();
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid run settings: "
                    + String.join("; ", problems));
        }
        LocalStack stack = stackOptions.stack();
        long started = System.nanoTime();
        System.out.println("starting the local stack in " + stack.home());
        stack.up(line -> System.out.println("  " + line));
        try {
            int exit = RunCommand.start(stack, config, reports,
                    Duration.ofMinutes(timeoutMinutes));
            System.out.printf("demo finished in %.1f minutes%n",
                    (System.nanoTime() - started) / 60e9);
            return exit;
        } finally {
            if (keepRunning) {
                System.out.println("the stack keeps running; stop it with './topogan down'");
            } else {
                System.out.println("stopping the local stack");
                stack.down(line -> System.out.println("  " + line));
            }
        }
    }
}
