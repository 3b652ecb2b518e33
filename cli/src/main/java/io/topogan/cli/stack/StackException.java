package io.topogan.cli.stack;

/** The local stack could not be started, stopped or inspected. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
