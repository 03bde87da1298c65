package jmoo.devices.ubd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import jmoo.disk.BlockDevice;

/**
 * A BlockDevice over a byte array for the port block's tests. Like the engine it refuses a
 * request outside the disk with IllegalArgumentException, and it also remembers that one was
 * attempted, so a test can assert that validation stopped every bad request before the disk.
 */
final class MemoryDisk implements BlockDevice {
    final byte[] data;
    private final boolean readOnly;
    int flushes;
    int discards;
    boolean outOfRangeAttempted;
    IOException failNext;

    MemoryDisk(int size, boolean readOnly) {
        this.data = new byte[size];
        this.readOnly = readOnly;
    }

    /** A disk whose byte i holds a value derived from i, so misplaced data is visible. */
    static MemoryDisk patterned(int size, boolean readOnly) {
        MemoryDisk d = new MemoryDisk(size, readOnly);
        for (int i = 0; i < size; i++) {
            d.data[i] = (byte) (i * 7 + (i >>> 9));
        }
        return d;
    }

    @Override
    public long size() {
        return data.length;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(long sector, ByteBuffer dst) throws IOException {
        int at = check(sector, dst.remaining());
        dst.put(data, at, dst.remaining());
    }

    @Override
    public void write(long sector, ByteBuffer src) throws IOException {
        if (readOnly) {
            outOfRangeAttempted = true;
            throw new IllegalStateException("write to a read-only disk");
        }
        int at = check(sector, src.remaining());
        src.get(data, at, src.remaining());
    }

    @Override
    public void flush() throws IOException {
        throwIfFailing();
        flushes++;
    }

    @Override
    public void discard(long sector, long count) throws IOException {
        int at = check(sector, count * SECTOR_SIZE);
        Arrays.fill(data, at, at + (int) count * SECTOR_SIZE, (byte) 0);
        discards++;
    }

    private int check(long sector, long bytes) throws IOException {
        throwIfFailing();
        if (sector < 0 || bytes % SECTOR_SIZE != 0 || sector * SECTOR_SIZE + bytes > data.length) {
            outOfRangeAttempted = true;
            throw new IllegalArgumentException("outside the disk: sector " + sector + " bytes " + bytes);
        }
        return (int) sector * SECTOR_SIZE;
    }

    private void throwIfFailing() throws IOException {
        if (failNext != null) {
            IOException e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public void close() {
    }
}
