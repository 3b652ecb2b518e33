package io.topogan.storage;

/** An object-store operation failed after its retries, or the object does not exist. */
public class StorageException extends RuntimeException {

    private final boolean notFound;

    public StorageException(String message, Throwable cause, boolean notFound) {
        super(message, cause);
        this.notFound = notFound;
    }

    /** Returns whether the operation failed because the object does not exist. */
    public boolean isNotFound() {
        return notFound;
    }
}
