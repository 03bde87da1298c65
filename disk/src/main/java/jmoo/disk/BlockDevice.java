package jmoo.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A disk addressed in 512-byte sectors. Buffers may be heap or direct; a request transfers
 * {@code buffer.remaining()} bytes (a multiple of 512) and advances the buffer's position.
 * Implementations do not allocate per request and are not thread-safe: one thread at a time.
 */
public interface BlockDevice extends Closeable {
    int SECTOR_SIZE = 512;

    /** Size of the disk in bytes; the last sector is partial when this is not a multiple of 512. */
    long size();

    /** Number of sectors, counting a partial last one. */
    default long sectors() {
        return Sizes.ceilDiv(size(), SECTOR_SIZE);
    }

    boolean readOnly();

    /** Reads {@code dst.remaining()} bytes starting at {@code sector}. */
    void read(long sector, ByteBuffer dst) throws IOException;

    /** Writes {@code src.remaining()} bytes starting at {@code sector}. */
    void write(long sector, ByteBuffer src) throws IOException;

    /** Makes every completed write durable (fdatasync of the files written). */
    void flush() throws IOException;

    /** Forgets {@code count} sectors from {@code sector}: afterwards they read as zeros. */
    void discard(long sector, long count) throws IOException;
}
