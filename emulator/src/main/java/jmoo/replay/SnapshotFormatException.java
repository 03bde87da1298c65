package jmoo.replay;

import java.io.IOException;

/** A snapshot file that is not one, is truncated, or does not fit this machine; names the file. */
public final class SnapshotFormatException extends IOException {
    public SnapshotFormatException(String message) {
        super(message);
    }
}
