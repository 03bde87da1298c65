package jmoo.replay;

import java.io.IOException;

/** A crash bundle that is incomplete or malformed; the message names the file and what was expected. */
public final class BundleFormatException extends IOException {
    public BundleFormatException(String message) {
        super(message);
    }
}
