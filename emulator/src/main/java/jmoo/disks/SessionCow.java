package jmoo.disks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.disk.CowFiles;
import jmoo.replay.OwnedTempFolders;

/**
 * A fresh COW over a backing for one run, in its own temporary folder: deleted by
 * {@link #close()} and, should the JVM end without it (Ctrl-C, System.exit), by a shutdown hook.
 * Plain {@code ./jmoo} boots the shipped root filesystem through one, so the guest may write its
 * root without ever writing the shipped image, and every run starts pristine. Its folder is named
 * after this process ({@link OwnedTempFolders}); a new session first sweeps away the folders of runs
 * that were killed before they could delete theirs.
 */
public final class SessionCow implements Closeable {
    /** The session folders' names: {@code jmoo-session-PID-RANDOM}. */
    public static final String PREFIX = "jmoo-session-";

    private final Path dir;
    private final Path cow;
    private final Thread cleanup;

    private SessionCow(Path dir, Path cow) {
        this.dir = dir;
        this.cow = cow;
        this.cleanup = new Thread(this::delete, "jmoo-session-cow-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    public static SessionCow over(Path backing) throws IOException {
        Path tmp = OwnedTempFolders.temporaryFolder();
        OwnedTempFolders.sweepStale(tmp, PREFIX);
        Path dir = OwnedTempFolders.create(tmp, PREFIX);
        Path cow = dir.resolve("ubd0.cow");
        try {
            CowFiles.create(cow, backing, false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dir);
            throw e;
        }
        return new SessionCow(dir, cow);
    }

    public Path cow() {
        return cow;
    }

    /** The COW and whatever else was put beside it (a snapshot's new top). */
    private void delete() {
        OwnedTempFolders.deleteFlat(dir); // false: a temporary file left behind; nothing better to do at exit
    }

    /** Deletes the COW and its folder (close the disk first). */
    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
