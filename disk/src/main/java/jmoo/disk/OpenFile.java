package jmoo.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A disk file opened with its lock: exclusive for the one writer, shared for readers. The locks
 * are fcntl locks (what FileChannel uses on Linux, and what UML takes), so they also keep UML and
 * other jmoo processes out. Within this JVM, readers of one file share one channel: POSIX locks
 * belong to the process and vanish when any descriptor of the file is closed, so there is
 * exactly one descriptor per file, closed by the last reader.
 */
final class OpenFile {
    private static final Map<Path, OpenFile> OPEN = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean writable;
    private int users = 1;
    /** A second descriptor for the native calls, opened on first use; -1 until then. */
    private int nativeFd = -1;

    private OpenFile(Path key, FileChannel channel, FileLock lock, boolean writable) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.writable = writable;
    }

    /** Opens {@code file} for reading (shared) or writing (exclusive), or says who holds it. */
    static OpenFile open(Path file, boolean write) throws IOException {
        Path key;
        try {
            key = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new DiskOpenException(file, "no such file");
        }
        checkKind(file, key);
        synchronized (OPEN) {
            OpenFile known = OPEN.get(key);
            if (known != null) {
                if (known.writable) {
                    throw new DiskLockedException(file, "already open for writing in this process (one writer per file)");
                }
                if (write) {
                    throw new DiskLockedException(file, "being read in this process; it cannot be written meanwhile");
                }
                known.users++;
                return known;
            }
            OpenFile opened = lockNew(file, key, write);
            OPEN.put(key, opened);
            return opened;
        }
    }

    /** Only regular files and block devices are disks: a FIFO or a terminal would block or never end. */
    private static void checkKind(Path file, Path key) throws IOException {
        if (Files.isRegularFile(key)) {
            return;
        }
        if (Files.isDirectory(key)) {
            throw new DiskOpenException(file, "is a directory, not a disk image");
        }
        int mode;
        try {
            mode = (Integer) Files.getAttribute(key, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new DiskOpenException(file, "not a regular file");
        }
        if ((mode & S_IFMT) != S_IFBLK) {
            throw new DiskOpenException(file, "not a regular file or block device");
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private static OpenFile lockNew(Path file, Path key, boolean write) throws IOException {
        FileChannel ch = write ? FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(key, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, !write);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new DiskLockedException(file, write
                    ? "locked by another process (a writer, or readers of a backing file); one writer per file"
                    : "locked by another process that is writing it");
        }
        return new OpenFile(key, ch, lock, write);
    }

    FileChannel channel() {
        return channel;
    }

    FileLock lock() {
        return lock;
    }

    boolean writable() {
        return writable;
    }

    /**
     * The descriptor for {@link NativeFs} calls. It stays open until the file is released: closing
     * any descriptor of a file drops the process's POSIX locks on it.
     */
    synchronized int nativeFd() throws IOException {
        if (nativeFd < 0) {
            if (!NativeFs.available()) {
                throw new IOException(key + ": native file calls are not available");
            }
            int flags = (writable ? NativeFs.O_RDWR : NativeFs.O_RDONLY) | NativeFs.O_CLOEXEC;
            try {
                nativeFd = NativeFs.libc().open(key.toString(), flags);
            } catch (com.sun.jna.LastErrorException e) {
                throw new IOException(key + ": open failed: errno " + e.getErrorCode());
            }
        }
        return nativeFd;
    }

    /** Drops one user; the last one releases the lock and closes the file. */
    void release() throws IOException {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(key);
        }
        synchronized (this) {
            if (nativeFd >= 0) {
                NativeFs.libc().close(nativeFd);
                nativeFd = -1;
            }
        }
        channel.close();
    }
}
