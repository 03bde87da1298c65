package jmoo.disk;

import com.sun.jna.LastErrorException;

/**
 * Where a file has data and where it has holes, through lseek SEEK_DATA. Without it (no JNA, or
 * {@link #plain()}), every byte counts as data: callers then read everything, which is correct,
 * only slower.
 */
public final class DataRegions {
    private static final DataRegions NATIVE = new DataRegions(true);
    private static final DataRegions PLAIN = new DataRegions(false);

    private final boolean useNative;

    private DataRegions(boolean useNative) {
        this.useNative = useNative;
    }

    public static DataRegions get() {
        return NativeFs.available() ? NATIVE : PLAIN;
    }

    /** Treats every file as all data (the fallback, also for tests). */
    public static DataRegions plain() {
        return PLAIN;
    }

    /** True when [pos, pos+len) of the file is certainly a hole (or past its end). */
    boolean isHole(OpenFile file, long pos, long len) {
        if (!useNative) {
            return false;
        }
        long next = nextData(file, pos);
        return next >= pos + len;
    }

    /**
     * The first offset at or after {@code pos} holding data, {@code Long.MAX_VALUE} when none;
     * {@code pos} itself when the call is not available.
     */
    long nextData(OpenFile file, long pos) {
        if (!useNative) {
            return pos;
        }
        try {
            return NativeFs.libc().lseek64(file.nativeFd(), pos, NativeFs.SEEK_DATA);
        } catch (LastErrorException e) {
            return e.getErrorCode() == NativeFs.ENXIO ? Long.MAX_VALUE : pos;
        } catch (java.io.IOException e) {
            return pos;
        }
    }

    /** The first hole at or after {@code pos} (the end of the file counts as one). */
    long nextHole(OpenFile file, long pos, long fileSize) {
        if (!useNative) {
            return fileSize;
        }
        try {
            return NativeFs.libc().lseek64(file.nativeFd(), pos, NativeFs.SEEK_HOLE);
        } catch (LastErrorException | java.io.IOException e) {
            return fileSize;
        }
    }
}
