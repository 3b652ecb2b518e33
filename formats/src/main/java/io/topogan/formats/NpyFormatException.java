package io.topogan.formats;

import java.io.IOException;

/**
 * Raised when bytes are not a valid or supported {@code .npy} file: bad magic string, unsupported
 * format version or dtype, malformed header, invalid shape, or data shorter than the header
 * declares. The message names the offending value.
 */
public class NpyFormatException extends IOException {

    public NpyFormatException(String message) {
        super(message);
    }

    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
