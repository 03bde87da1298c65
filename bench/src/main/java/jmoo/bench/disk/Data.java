package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sizes shared by the disk benchmarks, and filling files with non-zero data (no holes).
 *
 * <p>Fixtures are written in 4 KiB requests, raw files and COW layers alike. The page cache
 * remembers how a file was written: on Linux 6.18 (ext4 with large folios), random 4 KiB
 * overwrites into a file filled with aligned 1 MiB writes ran about half as fast as into one
 * filled 4 KiB at a time, and a COW's data area (starting at an offset that is not 1 MiB
 * aligned) never gets the large folios, so filling both the same way keeps the baseline fair.
 */
final class Data {
    static final int BLOCK = 4096;
    static final int MIB = 1 << 20;
    /** The unit in which chain layers split the disk between them (qcow2's cluster size). */
    static final int STRIPE = 64 << 10;
    /** The disk that reads and overwrites work on: 64 MiB, warm in the page cache. */
    static final long DISK_BYTES = 64L * MIB;
    /** The virtual size that first writes spread over: 4 GiB, sparse; never filled in one iteration. */
    static final long FIRST_WRITE_BYTES = 4L << 30;

    private Data() {
    }

    /**
     * Writes {@code length} bytes of pattern (different for each seed) to {@code file}, 4 KiB at
     * a time, and makes them durable, so that no writeback of the fixture runs under the measurements.
     */
    static void fill(Path file, long length, int seed) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer block = pattern(BLOCK, seed);
            for (long pos = 0; pos < length; pos += BLOCK) {
                block.clear().limit((int) Math.min(BLOCK, length - pos));
                while (block.hasRemaining()) {
                    ch.write(block, pos + block.position());
                }
            }
            ch.force(false);
        }
    }

    /** A heap buffer (like guest RAM) of {@code size} bytes of non-zero pattern. */
    static ByteBuffer pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (((i >>> 9) * 31 + i * 7 + seed * 101) | 1);
        }
        return ByteBuffer.wrap(bytes);
    }
}
