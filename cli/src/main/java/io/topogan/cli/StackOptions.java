package io.topogan.cli;

import io.topogan.cli.stack.LocalStack;
import io.topogan.cli.stack.StackPorts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that locate the project and the local stack's home folder. */
final class StackOptions {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Folder of the local stack's settings, data, logs and pid files"
                    + " (default: $TOPOGAN_HOME, else .topogan in the project folder).")
    Path home;

    /** Returns the project's root folder, set by the launcher script. */
    static Path projectRoot() {
        String root = System.getProperty("topogan.root");
        return Path.of(root == null ? "." : root).toAbsolutePath().normalize();
    }

    LocalStack stack() {
        Path folder = home;
        if (folder == null && System.getenv("TOPOGAN_HOME") != null) {
            folder = Path.of(System.getenv("TOPOGAN_HOME"));
        }
        if (folder == null) {
            folder = projectRoot().resolve(".topogan");
        }
        return new LocalStack(projectRoot(), folder, StackPorts.defaults());
    }
}
