package jmoo.disk;

import java.nio.file.Path;

/** Another writer (this process or another one) holds the lock of a disk file. */
public final class DiskLockedException extends DiskOpenException {
    public DiskLockedException(Path file, String problem) {
        super(file, problem);
    }
}
