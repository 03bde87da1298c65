package jmoo.replay;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed or truncated input log; the message names the file, the offset and what was expected. */
public final class InputLogException extends IOException {
    private final long offset;

    public InputLogException(Path file, long offset, String problem) {
        super(file + ": " + problem + " at offset " + offset);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
