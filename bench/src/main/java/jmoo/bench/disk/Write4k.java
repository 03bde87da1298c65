package jmoo.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import jmoo.disk.BlockDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 4 KiB writes, no flush (page cache). First writes go to places never written before, in a
 * scattered order over 4 GiB (the COW sets bits and allocates file blocks; the raw file
 * allocates file blocks); overwrites go to random places of a disk already written.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Write4k {
    private static final int SECTORS_PER_BLOCK = Data.BLOCK / BlockDevice.SECTOR_SIZE;

    @Benchmark
    public ByteBuffer rawFirst(FreshRaw image, Io io) throws IOException {
        io.block.clear();
        image.disk.write(io.fresh.nextUnvisited() * Data.BLOCK, io.block);
        return io.block;
    }

    @Benchmark
    public ByteBuffer cowFirst(FreshCow cow, Io io) throws IOException {
        io.block.clear();
        cow.disk.write(io.fresh.nextUnvisited() * SECTORS_PER_BLOCK, io.block);
        return io.block;
    }

    @Benchmark
    public ByteBuffer rawOverwrite(RawImage image, Io io) throws IOException {
        io.block.clear();
        image.disk.write(io.disk.random() * Data.BLOCK, io.block);
        return io.block;
    }

    @Benchmark
    public ByteBuffer cowOverwrite(FullCow cow, Io io) throws IOException {
        io.block.clear();
        cow.disk.write(io.disk.random() * SECTORS_PER_BLOCK, io.block);
        return io.block;
    }
}
