package io.topogan.events;

/** An event's JSON could not be read: malformed, of an unknown schema version, or invalid. */
public class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
