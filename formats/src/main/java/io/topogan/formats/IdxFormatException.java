package io.topogan.formats;

import java.io.IOException;

/**
 * Raised when a file is not a valid unsigned-byte IDX file (the MNIST format) or a valid CIFAR-10
 * binary batch: bad magic, unsupported element type, or a length that does not match the
 * declared dimensions.
 */
public class IdxFormatException extends IOException {

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
