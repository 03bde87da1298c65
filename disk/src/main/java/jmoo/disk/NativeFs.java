package jmoo.disk;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The Linux file calls the JDK lacks, through JNA: lseek SEEK_DATA/SEEK_HOLE (find the data in a
 * sparse file) and fallocate PUNCH_HOLE (free a range, which then reads as zeros). When libc or
 * the call is missing, {@link #available()} is false and callers use their plain fallbacks.
 */
final class NativeFs {
    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final int FALLOC_FL_KEEP_SIZE = 1;
    static final int FALLOC_FL_PUNCH_HOLE = 2;
    static final int ENXIO = 6;

    /** libc, as much of it as we use. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        long lseek64(int fd, long offset, int whence) throws LastErrorException;

        int fallocate64(int fd, int mode, long offset, long len) throws LastErrorException;
    }

    private static final LibC LIBC = load();

    private NativeFs() {
    }

    private static LibC load() {
        if (!System.getProperty("os.name", "").startsWith("Linux") || Boolean.getBoolean("jmoo.disk.noNative")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return LIBC != null;
    }

    static LibC libc() {
        return LIBC;
    }
}
