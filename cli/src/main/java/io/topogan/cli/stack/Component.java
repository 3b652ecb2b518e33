package io.topogan.cli.stack;

/**
 * A process of the local stack.
 *
 * @param name short name used for the pid and log files, such as {@code kafka}
 * @param description what the process is, for status output
 * @param healthUrl URL that answers 200 once the process is ready, or null for a TCP check
 * @param port port that the process listens on
 */
public record Component(String name, String description, String healthUrl, int port) {
}
