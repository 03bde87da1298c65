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

/** 4 KiB reads at random 4 KiB-aligned places of a 64 MiB disk, page cache warm. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RandomRead4k {
    private static final int SECTORS_PER_BLOCK = Data.BLOCK / BlockDevice.SECTOR_SIZE;

    @Benchmark
    public ByteBuffer raw(RawImage image, Io io) throws IOException {
        io.block.clear();
        image.disk.read(io.disk.random() * Data.BLOCK, io.block);
        return io.block;
    }

    @Benchmark
    public ByteBuffer cowHit(FullCow cow, Io io) throws IOException {
        return read(cow.disk, io);
    }

    @Benchmark
    public ByteBuffer cowMiss(EmptyCow cow, Io io) throws IOException {
        return read(cow.disk, io);
    }

    @Benchmark
    public ByteBuffer cowChain(ChainCow chain, Io io) throws IOException {
        return read(chain.disk, io);
    }

    private static ByteBuffer read(BlockDevice disk, Io io) throws IOException {
        io.block.clear();
        disk.read(io.disk.random() * SECTORS_PER_BLOCK, io.block);
        return io.block;
    }
}
