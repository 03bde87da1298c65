package jmoo.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether a file is the backing a COW was made on, as UML decides it: same size, same mtime. */
public final class BackingCheck {
    private BackingCheck() {
    }

    /** Throws {@link BackingMismatchException} unless {@code backing} matches the COW's header. */
    static void verify(CowLayer cow, Layer backing) throws IOException {
        CowHeader h = cow.header();
        if (h.size() != backing.size()) {
            throw new BackingMismatchException(cow.path(), backing.path(), "size", h.size(), backing.size());
        }
        long mtime = mtimeSeconds(backing.path()) & 0xFFFFFFFFL; // every layout records a u32
        long recorded = h.mtime();
        if (mtime != recorded) {
            throw new BackingMismatchException(cow.path(), backing.path(), "mtime", recorded, mtime);
        }
    }

    /** The file's modification time in whole seconds, as stat's st_mtime. */
    public static long mtimeSeconds(Path file) throws IOException {
        return Files.getLastModifiedTime(file).to(TimeUnit.SECONDS);
    }

    /**
     * The backing path as uml_mkcow records it: absolute, the folder with symbolic links resolved,
     * the file name as given.
     */
    public static String recordedPathFor(Path backing) throws IOException {
        Path abs = backing.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) {
            return abs.toString();
        }
        return dir.toRealPath().resolve(abs.getFileName()).toString();
    }
}
