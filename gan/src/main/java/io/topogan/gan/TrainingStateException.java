package io.topogan.gan;

/**
 * Thrown by {@link GanTraining#restore} when the bytes are not a usable training state: not a
 * state file at all, truncated, corrupted, of an unsupported format version, or saved for
 * another architecture or channel count than the given config.
 */
public final class TrainingStateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the failed check. */
    public TrainingStateException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the error that caused it. */
    public TrainingStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
