package jmoo.disk;

import java.io.IOException;

/** A write, discard or header update was asked of a disk opened read-only. */
public final class ReadOnlyDiskException extends IOException {
    public ReadOnlyDiskException(String disk) {
        super(disk + ": opened read-only");
    }
}
