package io.topogan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code topogan} command line. */
@Command(
        name = "topogan",
        mixinStandardHelpOptions = true,
        version = "topogan 0.1.0",
        description = "Trains GANs and analyses their training dynamics with persistent homology.",
        subcommands = {
            UpCommand.class,
            DownCommand.class,
            StatusCommand.class,
            RunCommand.class,
            DemoCommand.class,
            ExperimentCommand.class,
            HomologyCommand.class,
            DistanceCommand.class,
            EntropyCommand.class,
            EntropyAblationCommand.class,
            IdAblationCommand.class,
            FidCommand.class,
            IdCommand.class,
            DownloadCommand.class,
            ModelsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            String command = args.length > 0 && !args[0].startsWith("-") ? " " + args[0] : "";
            System.err.println("topogan" + command + ": out of memory (" + e.getMessage()
                    + "); give the JVM more heap with TOPOGAN_JAVA_OPTS, for example"
                    + " TOPOGAN_JAVA_OPTS=-Xmx8g");
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * Builds the command line for the arguments. When the first argument names an analysis
     * command, the root contains only those commands, so the classes of the others are not
     * loaded.
     */
    static CommandLine commandLine(String[] args) {
        Object root = args.length > 0 && AnalysisCommands.NAMES.contains(args[0])
                ? new AnalysisCommands() : new Main();
        return new CommandLine(root).setExecutionExceptionHandler(Main::reportError);
    }

    /** Prints an error as one message instead of a stack trace; exit code 1. */
    private static int reportError(Exception error, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        commandLine.getErr().println("topogan " + commandLine.getCommandName() + ": "
                + error.getMessage());
        if (System.getenv("TOPOGAN_DEBUG") != null) {
            error.printStackTrace(commandLine.getErr());
        }
        return 1;
    }
}
