package io.topogan.cli;

import io.topogan.cli.stack.LocalStack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts the local stack. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack: Kafka, the object store and the"
        + " four services, each as its own process.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        LocalStack stack = options.stack();
        stack.up(System.out::println);
        System.out.println("stack is up; dashboard and API at " + stack.gatewayUrl()
                + ", logs in " + stack.home().resolve("logs"));
        return 0;
    }
}
