package jmoo.disk;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Makes a byte range of a file read as zeros: fallocate PUNCH_HOLE where the file system has it
 * (the blocks are freed), else writing zeros. {@link #fallback()} always writes zeros.
 */
public final class HolePuncher {
    private static final HolePuncher NATIVE = new HolePuncher(true);
    private static final HolePuncher FALLBACK = new HolePuncher(false);
    private static final int ZERO_CHUNK = 64 * 1024;

    private final boolean tryNative;
    private ByteBuffer zeros;

    private HolePuncher(boolean tryNative) {
        this.tryNative = tryNative;
    }

    /** Punches holes when the platform can. */
    public static HolePuncher get() {
        return NativeFs.available() ? NATIVE : FALLBACK;
    }

    /** Always writes zeros (for file systems or platforms without hole punching, and for tests). */
    public static HolePuncher fallback() {
        return FALLBACK;
    }

    /** Zeroes [pos, pos+len) of a file opened for writing; the file's length never shrinks. */
    void zeroRange(OpenFile file, long pos, long len) throws IOException {
        if (len <= 0) {
            return;
        }
        if (tryNative && punch(file, pos, len)) {
            return;
        }
        writeZeros(file, pos, len);
    }

    /** Frees the range when the platform can; otherwise leaves the bytes as they are. */
    void punchIfSupported(OpenFile file, long pos, long len) {
        if (tryNative && len > 0) {
            punch(file, pos, len);
        }
    }

    private static boolean punch(OpenFile file, long pos, long len) {
        try {
            int fd = file.nativeFd();
            NativeFs.libc().fallocate64(fd, NativeFs.FALLOC_FL_PUNCH_HOLE | NativeFs.FALLOC_FL_KEEP_SIZE, pos, len);
            return true;
        } catch (LastErrorException | IOException e) {
            return false; // EOPNOTSUPP and friends: the caller writes zeros
        }
    }

    private void writeZeros(OpenFile file, long pos, long len) throws IOException {
        ByteBuffer z;
        synchronized (this) {
            if (zeros == null) {
                zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
            }
            z = zeros.duplicate();
        }
        long p = pos;
        long end = pos + len;
        while (p < end) {
            z.clear().limit((int) Math.min(ZERO_CHUNK, end - p));
            FileIo.writeFully(file.channel(), p, z);
            p += z.limit();
        }
    }
}
