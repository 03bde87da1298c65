package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import jmoo.disk.BlockDevice;

/** Writes the fixture data of the COW benchmarks through the engine. */
final class Layers {
    private Layers() {
    }

    /** Writes every 4 KiB block b of the 64 MiB disk with b mod stride == remainder. */
    static void writeBlocks(BlockDevice disk, int stride, int remainder, int seed) throws IOException {
        ByteBuffer data = Data.pattern(Data.BLOCK, seed);
        long blocks = Data.DISK_BYTES / Data.BLOCK;
        for (long b = remainder; b < blocks; b += stride) {
            data.clear();
            disk.write(b * Data.BLOCK / BlockDevice.SECTOR_SIZE, data);
        }
    }
}
