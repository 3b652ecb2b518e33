package io.topogan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops the local stack. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process of the local stack; data is kept.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        options.stack().down(System.out::println);
        System.out.println("stack is down");
        return 0;
    }
}
