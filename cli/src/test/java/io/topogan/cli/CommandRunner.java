package io.topogan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import picocli.CommandLine;

/** Runs the topogan command line in-process, with the error handler of {@link Main}. */
final class CommandRunner {

    /** Exit code and captured output of one run. */
    record Result(int exitCode, String out, String err) {
    }

    private CommandRunner() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(args)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(CommandRunner::reportLikeMain);
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Calls Main's private handler, so that tests see the messages users see. */
    private static int reportLikeMain(Exception error, CommandLine commandLine,
            CommandLine.ParseResult parseResult) throws Exception {
        Method handler = Main.class.getDeclaredMethod("reportError", Exception.class,
                CommandLine.class, CommandLine.ParseResult.class);
        handler.setAccessible(true);
        try {
            int code = (int) handler.invoke(null, error, commandLine, parseResult);
            commandLine.getErr().flush();
            return code;
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
