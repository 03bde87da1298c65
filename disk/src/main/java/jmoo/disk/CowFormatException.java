package jmoo.disk;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that claims to be (or must be) a UML COW file does not follow the format. The message
 * names the file, the byte offset of the problem and what was expected there.
 */
public final class CowFormatException extends IOException {
    private final Path file;
    private final long offset;

    public CowFormatException(Path file, long offset, String expected, String found) {
        super(file + ": at offset " + offset + ": expected " + expected + ", found " + found);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
