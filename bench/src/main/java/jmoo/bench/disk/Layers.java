package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import jmoo.disk.BlockDevice;

/** Writes the fixture data of the COW benchmarks through the engine, 4 KiB at a time (see {@link Data}). */
final class Layers {
    private static final int SECTORS_PER_BLOCK = Data.BLOCK / BlockDevice.SECTOR_SIZE;

    private Layers() {
    }

    /** Writes every stripe c (of {@code stripe} bytes) of the 64 MiB disk with c mod stride == remainder. */
    static void writeStripes(BlockDevice disk, int stripe, int stride, int remainder, int seed) throws IOException {
        ByteBuffer data = Data.pattern(Data.BLOCK, seed);
        int blocksPerStripe = stripe / Data.BLOCK;
        long stripes = Data.DISK_BYTES / stripe;
        for (long c = remainder; c < stripes; c += stride) {
            for (long b = c * blocksPerStripe; b < (c + 1) * blocksPerStripe; b++) {
                data.clear();
                disk.write(b * SECTORS_PER_BLOCK, data);
            }
        }
    }
}
