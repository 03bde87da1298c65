package jmoo.disk;

import java.nio.file.Path;

/**
 * A COW's backing file is not the file the COW was made on: its size or its modification time
 * (whole seconds) differs from the COW header. UML refuses such a pair, and so do we unless the
 * caller passes {@link OpenOptions#withoutBackingChecks()}.
 */
public final class BackingMismatchException extends DiskOpenException {
    public BackingMismatchException(Path cow, Path backing, String what, long expected, long found) {
        super(cow, "backing file " + backing + " has " + what + " " + found + " but the COW header records "
                + expected);
    }
}
