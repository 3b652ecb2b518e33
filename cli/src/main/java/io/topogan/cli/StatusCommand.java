package io.topogan.cli;

import io.topogan.cli.stack.LocalStack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows which processes of the local stack run and are ready. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each process of the local stack: pid, port and"
        + " readiness. Exit code 0 when all are ready, 3 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        boolean allReady = true;
        System.out.printf("%-10s %-28s %-8s %-6s %s%n", "NAME", "PROCESS", "PID", "PORT",
                "STATE");
        for (LocalStack.ComponentStatus status : options.stack().status()) {
            String state = !status.running() ? "stopped" : status.ready() ? "ready" : "starting";
            allReady &= status.ready();
            System.out.printf("%-10s %-28s %-8s %-6d %s%n", status.component().name(),
                    status.component().description(),
                    status.running() ? Long.toString(status.pid()) : "-",
                    status.component().port(), state);
        }
        return allReady ? 0 : 3;
    }
}
