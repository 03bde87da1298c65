package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Sizes shared by the disk benchmarks, and filling files with non-zero data (no holes). */
final class Data {
    static final int BLOCK = 4096;
    static final int MIB = 1 << 20;
    /** The disk that reads and overwrites work on: 64 MiB, warm in the page cache. */
    static final long DISK_BYTES = 64L * MIB;
    /** The virtual size that first writes spread over: 4 GiB, sparse; never filled in one iteration. */
    static final long FIRST_WRITE_BYTES = 4L << 30;

    private Data() {
    }

    /** Writes {@code length} bytes of pattern (different for each seed) to {@code file}. */
    static void fill(Path file, long length, int seed) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = pattern(MIB, seed);
            for (long pos = 0; pos < length; pos += MIB) {
                chunk.clear().limit((int) Math.min(MIB, length - pos));
                while (chunk.hasRemaining()) {
                    ch.write(chunk, pos + chunk.position());
                }
            }
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
